using SocialCrm.Workflows.Validation;

namespace SocialCrm.Tests.Engine;

/// <summary>The studio shows each error at its line: a validation error's JSON path is found in the text the admin typed.</summary>
public class JsonPathLocatorTests
{
    private const string Text = """
        {
          "definitionId": "analyse",
          "activities": [
            { "id": "a", "type": "If", "inputs": { "condition": "x > 1" } },
            {
              "id": "b",
              "type": "SetVariable",
              "inputs": {
                "name": "brief.decision",
                "value": "'ignore'"
              }
            }
          ],
          "connections": []
        }
        """;

    [TestCase("$.definitionId", 2, 3)]
    [TestCase("$.activities[0].inputs.condition", 4, 44)]
    [TestCase("$.activities[1].inputs.value", 10, 9)]
    [TestCase("$.activities[1]", 5, 5)]
    [TestCase("$.connections", 14, 3)]
    public void A_path_is_found_at_its_line_and_column(string path, int line, int column) =>
        Assert.That(JsonPathLocator.Locate(Text, path), Is.EqualTo((line, column)));

    [Test]
    public void A_path_deeper_than_the_text_points_at_the_deepest_part_that_exists() =>
        Assert.That(JsonPathLocator.Locate(Text, "$.activities[1].inputs.missing").Line, Is.EqualTo(8), "the inputs object of the second activity");

    [Test]
    public void Text_that_stops_parsing_still_gives_the_place_found_so_far() =>
        Assert.That(JsonPathLocator.Locate("{ \"definitionId\": \"x\", \"activities\": [ { \"id\": ", "$.activities[0].type").Line, Is.EqualTo(1));
}
