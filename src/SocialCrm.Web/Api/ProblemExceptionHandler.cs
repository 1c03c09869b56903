using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using SocialCrm.Channels.Inbound;
using SocialCrm.Channels.Meta;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Workflows.Validation;

namespace SocialCrm.Web.Api;

/// <summary>Bad input becomes a 4xx problem naming what is wrong, never a 500.</summary>
public sealed class ProblemExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var result = exception switch
        {
            ValidationException v => Results.ValidationProblem(
                v.Errors.GroupBy(e => JsonName(e.PropertyName)).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()),
                title: "The request has invalid fields."),
            JsonException j => Results.ValidationProblem(
                new Dictionary<string, string[]> { [JsonPath(j.Path)] = [InWords(j)] }, title: "The request body is not valid JSON for this endpoint."),
            WorkflowValidationException w => Results.ValidationProblem(
                w.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.ActivityId is null ? e.Message : $"activity '{e.ActivityId}': {e.Message}").ToArray()),
                title: "The workflow definition is invalid."),
            WebhookFormatException f => Results.Problem(f.Message, title: "The delivery is not in the platform's documented format.", statusCode: StatusCodes.Status400BadRequest),
            KeyNotFoundException k => Results.Problem(k.Message, statusCode: StatusCodes.Status404NotFound),
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException c => Results.Problem(c.Message.StartsWith("The database operation was expected", StringComparison.Ordinal) ? "someone else changed this at the same moment; load it again and retry" : c.Message, statusCode: StatusCodes.Status409Conflict),
            Microsoft.EntityFrameworkCore.DbUpdateException when StoreFailures.IsUniqueViolation(exception) =>
                Results.Problem("this was made by someone else at the same moment (it exists now); load it again before making it a second time", statusCode: StatusCodes.Status409Conflict),
            ArgumentException a => Results.Problem(a.Message, statusCode: StatusCodes.Status400BadRequest),
            BadHttpRequestException b => Results.Problem(b.Message, statusCode: b.StatusCode),
            Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => Results.Problem("the form's antiforgery token is missing or wrong: send the form from the console's own page", statusCode: StatusCodes.Status400BadRequest),
            _ => null,
        };
        // Something we depend on is out of reach for now: the caller should come back (platforms retry a delivery
        // not answered 200 by themselves), not read a 500 as a bug.
        result ??= exception is LookupUnavailableException lookup ? Unavailable(http, lookup.Message, 60)
            : StoreFailures.IsTransient(exception) ? Unavailable(http, "the store is not answering right now; try again in 10 seconds (sending the same signal again is safe: a post is kept once)", 10)
            : null;
        if (result is null) return false;
        await result.ExecuteAsync(http);
        return true;
    }

    private static IResult Unavailable(HttpContext http, string message, int retryAfterSeconds)
    {
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(message, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>"AuthorHandle" -> "authorHandle", as the field is spelled in the JSON body.</summary>
    public static string JsonName(string property) =>
        string.IsNullOrEmpty(property) ? "$" : string.Join('.', property.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));

    /// <summary>
    /// System.Text.Json names the .NET type it could not fill ("System.Nullable`1[System.Int32]"); a caller needs the
    /// JSON it should have sent ("a whole number").
    /// </summary>
    public static string InWords(JsonException j)
    {
        const string marker = "could not be converted to ";
        var at = j.Message.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return j.Path is null ? j.Message : System.Text.RegularExpressions.Regex.Replace(j.Message, @"\s*(Path|LineNumber|BytePositionInLine):.*$", "");
        var type = j.Message[(at + marker.Length)..].Split(". Path:")[0].Split(". LineNumber")[0];
        var expected = type switch
        {
            _ when type.Contains("Int32") || type.Contains("Int64") || type.Contains("Int16") => "a whole number",
            _ when type.Contains("Double") || type.Contains("Decimal") || type.Contains("Single") => "a number",
            _ when type.Contains("Boolean") => "true or false",
            _ when type.Contains("DateTimeOffset") || type.Contains("DateTime") => "a date and time in ISO 8601, such as 2026-11-25T14:30:00Z",
            _ when type.Contains("Guid") => "an id such as 01a21438-7fca-7a19-9b99-4e95ac9bf57a",
            _ when type.Contains("System.String") => "text in quotes",
            _ when type.Contains("List") || type.Contains("[]") || type.Contains("IEnumerable") => "a list in [ ]",
            _ => "an object in { }",
        };
        return $"must be {expected}";
    }

    private static string JsonPath(string? path) => string.IsNullOrEmpty(path) || path == "$" ? "$" : path.TrimStart('$', '.');
}
