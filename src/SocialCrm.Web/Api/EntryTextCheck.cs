using SocialCrm.Channels.Inbound;
using SocialCrm.Domain.Text;

namespace SocialCrm.Web.Api;

/// <summary>
/// Text is checked once, where it enters: every string of a JSON body, every form field, the path and the query of an
/// API or sign-in request must hold valid Unicode without NUL (<see cref="TextRules"/>), or the request is refused
/// with a 400 naming the field before any handler, validator or store sees it. Webhooks are checked after their
/// signature, in <see cref="WebhookEndpoints"/>.
/// </summary>
public static class EntryTextCheck
{
    public static IApplicationBuilder UseEntryTextCheck(this IApplicationBuilder app) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/account"), checkedApp => checkedApp.Use(async (http, next) =>
        {
            if (await FindProblemAsync(http.Request) is { } problem)
            {
                await Results.ValidationProblem(new Dictionary<string, string[]> { [problem.Path] = [problem.Message] },
                    title: "The request holds text that is not valid.").ExecuteAsync(http);
                return;
            }
            await next(http);
        }));

    private static async Task<JsonTextProblem?> FindProblemAsync(HttpRequest request)
    {
        if (TextRules.Problem(request.Path.Value) is { } inPath) return new("path", "the address " + inPath);
        foreach (var (name, values) in request.Query)
            foreach (var value in values)
                if ((TextRules.Problem(name) ?? TextRules.Problem(value)) is { } inQuery) return new(name, inQuery);

        if (request.HasFormContentType)
        {
            IFormCollection form;
            try { form = await request.ReadFormAsync(request.HttpContext.RequestAborted); }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                // ASP.NET's form reader refuses some of what TextRules would (control characters) and cut-off bodies.
                return new("form", $"could not be read: {e.Message.TrimEnd('.')}");
            }
            foreach (var (name, values) in form)
                foreach (var value in values)
                    if ((TextRules.Problem(name) ?? TextRules.Problem(value)) is { } inForm) return new(name, inForm);
            return null;
        }
        // Every other body is read as JSON by the endpoint whatever its declared type (JsonBody), so it is checked as JSON.
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any(t => t?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)))
            return null;
        request.EnableBuffering();
        // The body limit is already on the request (UseSocialCrmBodyLimit); reading past it answers 413.
        var body = await RawBody.ReadAsync(request, int.MaxValue, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return JsonText.FindProblem(body.Span);
    }
}
