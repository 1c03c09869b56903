using System.Text.Json.Nodes;
using SocialCrm.Workflows.Expressions;

namespace SocialCrm.Tests.Engine;

public class ExpressionTests
{
    private static readonly JsonObject Scope = new()
    {
        ["value"] = new JsonObject { ["score"] = 0.72 },
        ["intent"] = new JsonObject { ["label"] = "complaint" },
        ["customer"] = new JsonObject { ["status"] = 2, ["consent"] = true, ["name"] = "Jane" },
        ["tags"] = new JsonArray("vip", "churn-risk"),
    };

    [TestCase("value.score >= 0.6", true)]
    [TestCase("value.score >= 0.8", false)]
    [TestCase("intent.label == 'complaint' && customer.consent", true)]
    [TestCase("intent.label == 'COMPLAINT'", true)]
    [TestCase("intent.label != 'praise' || false", true)]
    [TestCase("!(customer.status > 1)", false)]
    [TestCase("customer.missing == null", true)]
    [TestCase("nothing.at.all.score > 0", false)]
    [TestCase("contains(tags, 'vip') && len(customer.name) == 4", true)]
    [TestCase("max(value.score, 0.9) == 0.9 && min(1, 2) == 1", true)]
    [TestCase("coalesce(customer.missing, 'x') == 'x'", true)]
    [TestCase("(1 + 2) * 3 - 4 / 2 == 7", true)]
    [TestCase("7 % 4 == 3", true)]
    public void Evaluates_conditions_against_variables(string source, bool expected) =>
        Assert.That(Values.IsTruthy(ExpressionParser.Parse(source).Evaluate(Scope)), Is.EqualTo(expected));

    [Test]
    public void Joins_text_with_plus() =>
        Assert.That(ExpressionParser.Parse("'Hi ' + customer.name + ', value ' + value.score").Evaluate(Scope), Is.EqualTo("Hi Jane, value 0.72"));

    [TestCase("value.score >=", 14, "ends too early")]
    [TestCase("value.score >= 0.6 )", 19, "unexpected ')'")]
    [TestCase("exec('rm -rf /')", 0, "unknown function 'exec'")]
    [TestCase("len(a, b)", 0, "takes 1 argument")]
    [TestCase("'open", 0, "unterminated string")]
    [TestCase("a = 1", 2, "unexpected character '='")]
    [TestCase("   ", 0, "empty")]
    public void Rejects_bad_conditions_with_the_position(string source, int position, string message)
    {
        var e = Assert.Throws<ExpressionException>(() => ExpressionParser.Parse(source))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Does.Contain(message));
            Assert.That(e.Position, Is.EqualTo(position));
        });
    }

    [Test]
    public void Arithmetic_on_text_is_an_evaluation_error() =>
        Assert.Throws<ExpressionException>(() => ExpressionParser.Parse("intent.label * 2").Evaluate(Scope));

    [Test]
    public void Conditions_too_deep_or_too_long_are_refused_in_words_instead_of_exhausting_the_stack()
    {
        var parens = new string('(', 5000) + "1" + new string(')', 5000);
        Assert.That(Assert.Throws<ExpressionException>(() => ExpressionParser.Parse(parens))!.Message, Does.Contain("characters long"));
        var deep = new string('(', 40) + "1" + new string(')', 40);
        Assert.That(Assert.Throws<ExpressionException>(() => ExpressionParser.Parse(deep))!.Message, Does.Contain("nests deeper than 32"));
        var nots = new string('!', 1000) + "true";
        Assert.That(Assert.Throws<ExpressionException>(() => ExpressionParser.Parse(nots))!.Message, Does.Contain("nests deeper"));
        var fine = new string('(', 20) + "value.score >= 0.6" + new string(')', 20);
        Assert.That(Values.IsTruthy(ExpressionParser.Parse(fine).Evaluate(Scope)), Is.True);
    }
}
