using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Persistence;
using SocialCrm.Tests.Api;

namespace SocialCrm.Tests.Workplace;

/// <summary>The API's rate limits: per address before sign-in (password guessing), per user after; a 429 says when to come back.</summary>
public class RequestLimitTests
{
    [Test]
    public async Task Too_many_requests_get_429_with_retry_after_per_address_and_per_user()
    {
        using var factory = new ApiFactory()
            .With("SocialCrm:Limits:AnonymousRequestsPerMinutePerAddress", "5")
            .With("SocialCrm:Limits:RequestsPerMinutePerUser", "10");
        using var aino = await factory.ClientAsync("aino", "agent"); // its token request is one of the address's five
        using var eero = await factory.ClientAsync("eero", "agent");
        using var anonymous = factory.CreateClient();

        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            guesses.Add((await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "aino", password = $"guess-{i}" })).StatusCode);
        Assert.That(guesses, Does.Contain(HttpStatusCode.TooManyRequests), "the address's sixth request in a minute is refused");
        var refused = await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "aino", password = "guess-x" });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(int.Parse(refused.Headers.GetValues("Retry-After").Single()), Is.InRange(1, 60));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("try again in"));

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++) answers.Add((await aino.GetAsync("/api/stats")).StatusCode);
        Assert.That(answers.Take(10), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(answers[10], Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That((await eero.GetAsync("/api/stats")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "another user has a limit of their own");
    }

    [Test]
    public async Task A_body_larger_than_the_api_takes_gets_413_naming_the_limit_and_stores_nothing()
    {
        using var factory = new ApiFactory();
        using var admin = await factory.ClientAsync("ilmari", "admin");
        var huge = await admin.PostAsJsonAsync("/api/signals", new { platform = "x", postId = "huge-1", authorHandle = "h", text = new string('x', 1_200_000) });
        Assert.That(huge.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await huge.Content.ReadAsStringAsync(), Does.Contain("at most 1,048,576"));
        using var scope = factory.Services.CreateScope();
        Assert.That(await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Signals.CountAsync(), Is.Zero);
    }
}
