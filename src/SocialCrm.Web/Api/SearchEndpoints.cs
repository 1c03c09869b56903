using SocialCrm.Stages.Search;
using SocialCrm.Web.Workplace;

namespace SocialCrm.Web.Api;

public static class SearchEndpoints
{
    public const int MaxQuery = 200;

    public static void MapSearchEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/search", async (string? q, SearchService search, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(q))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["q"] = ["give words to search for: a name, handle, e-mail, order number or words of a post"] });
            if (q.Length > MaxQuery)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["q"] = [$"the query is {q.Length:N0} characters long; at most {MaxQuery} are taken"] });
            var results = await search.SearchAsync(q, ct);
            if (results.Words.Count == 0)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["q"] = ["the query has no letters or digits to search for"] });
            return Results.Ok(results);
        })
        .WithTags("Search").RequireAuthorization(Policies.Staff)
        .WithSummary("Customers (name, e-mail, back-office id, handle, order number) and posts with their cases (words of the text, author), ranked, the matches marked (parts with match: true). All words must match; the last also as a prefix");
    }
}
