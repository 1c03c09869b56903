using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using SocialCrm.Channels.Inbound;
using SocialCrm.Channels.Meta;
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
                new Dictionary<string, string[]> { [JsonPath(j.Path)] = [j.Message] }, title: "The request body is not valid JSON for this endpoint."),
            WorkflowValidationException w => Results.ValidationProblem(
                w.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.ActivityId is null ? e.Message : $"activity '{e.ActivityId}': {e.Message}").ToArray()),
                title: "The workflow definition is invalid."),
            WebhookFormatException f => Results.Problem(f.Message, title: "The delivery is not in the platform's documented format.", statusCode: StatusCodes.Status400BadRequest),
            KeyNotFoundException k => Results.Problem(k.Message, statusCode: StatusCodes.Status404NotFound),
            ArgumentException a => Results.Problem(a.Message, statusCode: StatusCodes.Status400BadRequest),
            BadHttpRequestException b => Results.Problem(b.Message, statusCode: b.StatusCode),
            _ => null,
        };
        if (exception is LookupUnavailableException unavailable)
        {
            // The platform retries a delivery that was not answered 200; the Retry-After is for anyone else.
            http.Response.Headers.RetryAfter = "60";
            result = Results.Problem(unavailable.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        if (result is null) return false;
        await result.ExecuteAsync(http);
        return true;
    }

    /// <summary>"AuthorHandle" -> "authorHandle", as the field is spelled in the JSON body.</summary>
    public static string JsonName(string property) =>
        string.IsNullOrEmpty(property) ? "$" : string.Join('.', property.Split('.').Select(p => char.ToLowerInvariant(p[0]) + p[1..]));

    private static string JsonPath(string? path) => string.IsNullOrEmpty(path) || path == "$" ? "$" : path.TrimStart('$', '.');
}
