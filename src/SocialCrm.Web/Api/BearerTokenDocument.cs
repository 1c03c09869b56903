using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SocialCrm.Web.Api;

/// <summary>
/// Names the API and describes its bearer token in the OpenAPI document, so the API reference offers it and an integrator can
/// try a call from there: take a token from POST /api/auth/token, paste it, send.
/// </summary>
public sealed class BearerTokenDocument : IOpenApiDocumentTransformer
{
    public const string SchemeName = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "SocialCrm API";
        document.Info.Description = "The listen, act and measure endpoints of SocialCrm for back offices, listening tools and reports. " +
            "Sign in first (Sign-in below), then paste the token under Authentication to try a call.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "POST /api/auth/token with {\"userName\", \"password\"} of a SocialCrm user answers {\"accessToken\", \"expiresIn\"}. " +
                "Send the token as \"Authorization: Bearer <accessToken>\"; it lasts an hour, and each endpoint still needs its role " +
                "(agent, admin or analyst). Five wrong passwords lock the user out for five minutes.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] });
        return Task.CompletedTask;
    }
}
