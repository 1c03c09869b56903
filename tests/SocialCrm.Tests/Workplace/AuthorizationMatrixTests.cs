using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Tests.Api;

namespace SocialCrm.Tests.Workplace;

/// <summary>
/// Every endpoint the app maps, from its own endpoint data source, against who may call it: anonymous callers,
/// agents, admins and analysts. An endpoint added without an entry here fails, and so does one whose policy lets the
/// wrong people in or keeps the right ones out.
/// </summary>
public class AuthorizationMatrixTests
{
    private enum Access { Anyone, SignedIn, Agent, Admin, Analyst, AnalystOrAdmin, AgentOrAdmin }

    /// <summary>Who may use what: the product's rules, written down independently of the code that enforces them.</summary>
    private static readonly Dictionary<string, Access> Expected = new()
    {
        ["POST /api/auth/token"] = Access.Anyone,
        ["* /health"] = Access.Anyone,
        ["* /alive"] = Access.Anyone,
        ["POST /account/signin"] = Access.Anyone,
        ["GET /signin"] = Access.Anyone,
        ["GET /not-found"] = Access.Anyone,
        ["POST /account/signout"] = Access.SignedIn,
        ["GET /openapi/{documentName}.json"] = Access.SignedIn,
        ["GET /api/reference/{documentName?}"] = Access.SignedIn,
        ["GET /api/reference/scalar.js"] = Access.Anyone,
        ["GET /api/reference/scalar.aspnetcore.js"] = Access.Anyone,
        ["GET /api/reference/favicon.svg"] = Access.Anyone,
        ["GET /"] = Access.SignedIn,
        ["GET /denied"] = Access.SignedIn,
        ["GET /inbox"] = Access.Agent,
        ["GET /reports"] = Access.Analyst,
        ["GET /insights"] = Access.AnalystOrAdmin,
        ["GET /api/insights/topics"] = Access.AnalystOrAdmin,
        ["GET /api/insights/topics/{id:guid}/cases"] = Access.AnalystOrAdmin,
        ["PUT /api/insights/topics/{id:guid}"] = Access.Admin,
        ["POST /api/insights/recompute"] = Access.Admin,
        ["GET /api/insights/webhook"] = Access.Admin,
        ["PUT /api/insights/webhook"] = Access.Admin,
        ["GET /api/insights/alerts"] = Access.AnalystOrAdmin,
        ["GET /api/insights/alerts/{id:guid}/cases"] = Access.AnalystOrAdmin,
        ["POST /api/insights/alerts/{id:guid}/acknowledge"] = Access.AnalystOrAdmin,
        ["GET /admin/users"] = Access.Admin,
        ["GET /admin/audit"] = Access.Admin,
        ["GET /admin/operations"] = Access.Admin,
        ["GET /admin/customers"] = Access.Admin,
        ["GET /admin/workflows"] = Access.Admin,
        ["GET /admin/workflows/{DefinitionId}"] = Access.Admin,
        ["GET /admin/settings"] = Access.Admin,
        ["GET /admin/templates"] = Access.Admin,
        ["GET /admin/templates/{Key}"] = Access.Admin,
        ["GET /cases/{Id:guid}"] = Access.SignedIn,
        ["GET /api/stats"] = Access.SignedIn,
        ["GET /api/sandbox/messages"] = Access.SignedIn,
        ["POST /api/connection-requests/{id:guid}/answer"] = Access.Admin,
        ["GET /api/reports/measure"] = Access.Analyst,
        ["GET /api/reports/cases"] = Access.Analyst,
        ["GET /api/reports/cases.csv"] = Access.Analyst,
        ["GET /api/audit"] = Access.Admin,
        ["POST /api/signals/"] = Access.Admin,
        ["GET /api/signals/{id:guid}"] = Access.SignedIn,
        ["GET /api/cases/"] = Access.SignedIn,
        ["GET /api/cases/{id:guid}"] = Access.SignedIn,
        ["GET /api/cases/{id:guid}/templates"] = Access.Agent,
        ["POST /api/cases/{id:guid}/claim"] = Access.Agent,
        ["POST /api/cases/{id:guid}/release"] = Access.Agent,
        ["POST /api/cases/{id:guid}/actions"] = Access.Agent,
        ["POST /api/cases/{id:guid}/notes"] = Access.AgentOrAdmin,
        ["POST /api/cases/{id:guid}/transfer"] = Access.AgentOrAdmin,
        ["GET /api/me/"] = Access.SignedIn,
        ["PUT /api/me/availability"] = Access.Agent,
        ["GET /api/notifications/"] = Access.SignedIn,
        ["POST /api/notifications/{id:guid}/read"] = Access.SignedIn,
        ["POST /api/notifications/read-all"] = Access.SignedIn,
        ["GET /api/agents/"] = Access.AgentOrAdmin,
        ["PUT /api/agents/{userName}"] = Access.Admin,
        ["GET /admin/agents"] = Access.Admin,
        ["GET /api/search"] = Access.SignedIn,
        ["GET /api/macros/"] = Access.AgentOrAdmin,
        ["POST /api/macros/"] = Access.Admin,
        ["PUT /api/macros/{id:guid}"] = Access.Admin,
        ["DELETE /api/macros/{id:guid}"] = Access.Admin,
        ["POST /api/cases/{id:guid}/macros/{macroId:guid}"] = Access.AgentOrAdmin,
        ["PUT /api/cases/{id:guid}/tags"] = Access.AgentOrAdmin,
        ["GET /admin/macros"] = Access.Admin,
        ["POST /api/cases/{id:guid}/merge"] = Access.Agent,
        ["POST /api/customers/{id:guid}/merge"] = Access.AgentOrAdmin,
        ["GET /search"] = Access.SignedIn,
        ["POST /api/cases/{id:guid}/identity-claims/{claimId:guid}/confirm"] = Access.Agent,
        ["POST /api/cases/{id:guid}/identity-claims/{claimId:guid}/reject"] = Access.Agent,
        ["GET /api/workflows/"] = Access.Admin,
        ["GET /api/workflows/{definitionId}/versions"] = Access.Admin,
        ["GET /api/workflows/{definitionId}/versions/{version:int}"] = Access.Admin,
        ["DELETE /api/workflows/{definitionId}/draft"] = Access.Admin,
        ["POST /api/workflows/{definitionId}/versions/{version:int}/backtest"] = Access.Admin,
        ["PUT /api/workflows/{definitionId}/draft"] = Access.Admin,
        ["POST /api/workflows/{definitionId}/versions/{version:int}/publish"] = Access.Admin,
        ["POST /api/workflows/{definitionId}/versions/{version:int}/revert"] = Access.Admin,
        ["GET /api/settings/"] = Access.Admin,
        ["GET /api/settings/versions"] = Access.Admin,
        ["PUT /api/settings/"] = Access.Admin,
        ["POST /api/settings/versions/{version:int}/restore"] = Access.Admin,
        ["GET /api/templates/"] = Access.Admin,
        ["GET /api/templates/placeholders"] = Access.Admin,
        ["GET /api/templates/{key}"] = Access.Admin,
        ["GET /api/templates/{key}/versions"] = Access.Admin,
        ["POST /api/templates/"] = Access.Admin,
        ["PUT /api/templates/{key}"] = Access.Admin,
        ["POST /api/templates/{key}/retire"] = Access.Admin,
        ["POST /api/templates/{key}/restore"] = Access.Admin,
        ["GET /api/templates/preview-cases"] = Access.Admin,
        ["POST /api/templates/preview"] = Access.Admin,
        ["GET /api/failed-messages/"] = Access.Admin,
        ["POST /api/failed-messages/{id:guid}/replay"] = Access.Admin,
        ["GET /api/operations"] = Access.Admin,
        ["GET /api/models/"] = Access.SignedIn,
        ["POST /api/models/{kind}/versions/{version}/restore"] = Access.Admin,
        ["GET /api/users/"] = Access.Admin,
        ["POST /api/users/"] = Access.Admin,
        ["PATCH /api/users/{userName}"] = Access.Admin,
        ["PUT /api/customers/{externalId}"] = Access.Admin,
        ["GET /api/customers/{id:guid}/export"] = Access.Admin,
        ["POST /api/customers/{id:guid}/erase"] = Access.Admin,
        ["GET /api/customers/{externalId}"] = Access.Admin,
        // Signed by the platform instead of a user: the signature is checked, not a role.
        ["GET /webhooks/meta"] = Access.Anyone,
        ["POST /webhooks/meta"] = Access.Anyone,
        ["GET /webhooks/x"] = Access.Anyone,
        ["POST /webhooks/x"] = Access.Anyone,
        ["POST /webhooks/generic/{source}"] = Access.Anyone,
        // Blazor's own: the interactive circuit and its helpers, and the fallback for missing files.
        ["* /_blazor/negotiate"] = Access.SignedIn,
        ["* /_blazor"] = Access.SignedIn,
        ["* /_blazor/disconnect/"] = Access.SignedIn,
        ["* /_blazor/initializers/"] = Access.SignedIn,
        ["GET /_framework/opaque-redirect"] = Access.SignedIn,
        ["GET {**path:file}"] = Access.SignedIn,
    };

    private static readonly string[] Roles = ["agent", "admin", "analyst"];

    [Test]
    public async Task Every_endpoint_answers_only_the_roles_it_is_for()
    {
        // Every endpoint once per caller: more anonymous requests than the per-address limit lets through in a minute.
        using var factory = new ApiFactory().With("SocialCrm:Limits:AnonymousRequestsPerMinutePerAddress", "10000");
        factory.StartServer();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !IsStaticAsset(e)).Select(e => (Key: KeyOf(e), Endpoint: e)).DistinctBy(e => e.Key).ToList();

        var unlisted = endpoints.Select(e => e.Key).Where(k => !Expected.ContainsKey(k)).ToList();
        Assert.That(unlisted, Is.Empty, "endpoints with no entry in the authorisation matrix: say who may use them");

        var clients = new Dictionary<string, HttpClient>();
        foreach (var role in Roles) clients[role] = await factory.ClientAsync($"matrix-{role}", role);
        clients["anonymous"] = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var failures = new List<string>();
        var checks = 0;
        foreach (var (key, endpoint) in endpoints)
        {
            var access = Expected[key];
            foreach (var (who, client) in clients)
            {
                using var request = RequestFor(endpoint);
                using var response = await client.SendAsync(request);
                checks++;
                var status = (int)response.StatusCode;
                // A refusal by the sign-in and authorisation middleware, not an answer of the endpoint itself (a wrong
                // password is a 401 with a detail; a failed sign-in form goes back to the form with an error).
                var body = await response.Content.ReadAsStringAsync();
                var refused = (status is 401 or 403 && !body.Contains("\"detail\""))
                    || (status == 302 && response.Headers.Location?.ToString().Contains("/signin?ReturnUrl=", StringComparison.OrdinalIgnoreCase) == true);
                var allowed = access switch
                {
                    Access.Anyone => true,
                    Access.SignedIn => who != "anonymous",
                    Access.Agent => who == "agent",
                    Access.Admin => who == "admin",
                    Access.Analyst => who == "analyst",
                    Access.AnalystOrAdmin => who is "analyst" or "admin",
                    Access.AgentOrAdmin => who is "agent" or "admin",
                    _ => false,
                };
                if (allowed && refused) failures.Add($"{key}: {who} was refused ({status}) but may use it");
                if (!allowed && !refused) failures.Add($"{key}: {who} got {status} but may not use it");
                if (!allowed && who == "anonymous" && key.Contains(" /api/") && status != 401) failures.Add($"{key}: anonymous got {status}, not 401");
            }
        }
        foreach (var client in clients.Values) client.Dispose();
        TestContext.Out.WriteLine($"authorisation matrix: {endpoints.Count} endpoints x {clients.Count} callers = {checks} checks");
        Assert.That(failures, Is.Empty);
        Assert.That(Expected.Keys.Where(k => endpoints.All(e => e.Key != k)), Is.Empty, "entries for endpoints that no longer exist");
    }

    private static bool IsStaticAsset(RouteEndpoint e) =>
        e.RoutePattern.RawText is { } raw && raw.Contains('.') && !raw.StartsWith("/openapi", StringComparison.Ordinal) && !raw.StartsWith("/api/", StringComparison.Ordinal);

    private static string KeyOf(RouteEndpoint e)
    {
        var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
        var method = methods is null ? "*" : methods.Contains("GET") ? "GET" : methods[0];
        return $"{method} {e.RoutePattern.RawText}";
    }

    private static HttpRequestMessage RequestFor(RouteEndpoint e)
    {
        var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
        var method = methods is null ? (e.RoutePattern.RawText!.Contains("negotiate") || e.RoutePattern.RawText.Contains("disconnect") ? "POST" : "GET")
            : methods.Contains("GET") ? "GET" : methods[0];
        var path = "/" + string.Join('/', e.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p => p.Name.ToLowerInvariant() switch
            {
                _ when p.ParameterPolicies.Any(policy => policy.Content == "guid") => Guid.NewGuid().ToString(),
                "id" => Guid.NewGuid().ToString(),
                "version" => "999",
                "definitionid" => "nosuch",
                "kind" => "intent",
                "documentname" => "v1",
                "path" => "missing-file",
                _ => "nobody",
            },
            _ => "",
        }))));
        if (path.Contains("negotiate")) path += "?negotiateVersion=1";
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        var takesForm = e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes.Any(t => t.Contains("form")) == true;
        if (method is "POST" or "PUT" or "PATCH")
            request.Content = takesForm ? new FormUrlEncodedContent([]) : new StringContent("{}", Encoding.UTF8, "application/json");
        return request;
    }
}
