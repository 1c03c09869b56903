using SocialCrm.Stages.Workplace;
using SocialCrm.Web.Workplace;

namespace SocialCrm.Web.Api;

public static class UserEndpoints
{
    public sealed record NewUser(string? UserName, string[]? Roles, string? Password);
    public sealed record UserChange(bool? Disabled, string[]? Roles);

    public static void MapUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Policies.Admins);

        users.MapGet("/", (UserAdmin admin, CancellationToken ct) => admin.ListAsync(ct))
            .WithSummary("Everyone who can sign in, with their roles and whether they are disabled or locked out");

        users.MapPost("/", async (HttpRequest request, HttpContext http, UserAdmin admin, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync<NewUser>(request, ct);
            var added = await admin.AddAsync(body.UserName ?? "", body.Roles ?? [], string.IsNullOrEmpty(body.Password) ? null : body.Password, http.User.Identity!.Name!, ct);
            if (added.Exists) return Results.Problem(added.Errors[0], statusCode: StatusCodes.Status409Conflict);
            if (!added.Succeeded) return Results.ValidationProblem(new Dictionary<string, string[]> { ["user"] = added.Errors }, title: "The user was not added.");
            // A generated password is shown this once; it is not stored in clear anywhere.
            return Results.Created($"/api/users/{added.User!.UserName}", new { user = added.User, generatedPassword = added.GeneratedPassword });
        })
        .WithSummary("Add a user with roles; without a password one is generated and answered once")
        .Accepts<NewUser>("application/json");

        users.MapPatch("/{userName}", async (string userName, HttpRequest request, HttpContext http, UserAdmin admin, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync<UserChange>(request, ct);
            var actor = http.User.Identity!.Name!;
            var problem = body.Roles is { } roles ? await admin.SetRolesAsync(userName, roles, actor, ct) : null;
            if (problem is null && body.Disabled is { } disabled) problem = await admin.SetDisabledAsync(userName, disabled, actor, ct);
            return problem is null ? Results.NoContent()
                : problem.StartsWith("no user") ? Results.Problem(problem, statusCode: StatusCodes.Status404NotFound)
                : Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        })
        .WithSummary("Disable or enable a user ({\"disabled\": true}) or set their roles ({\"roles\": [\"agent\"]})")
        .Accepts<UserChange>("application/json");
    }
}
