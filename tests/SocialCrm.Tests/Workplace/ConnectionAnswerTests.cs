using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Cases;
using SocialCrm.Tests.Api;
using SocialCrm.Tests.Channels;

namespace SocialCrm.Tests.Workplace;

/// <summary>A connection request takes one answer: concurrent answers, however many, record exactly one.</summary>
public class ConnectionAnswerTests
{
    [Test]
    public async Task Of_concurrent_answers_to_a_connection_request_exactly_one_is_recorded()
    {
        using var factory = new ApiFactory();
        using var admin = await factory.ClientAsync("root", "admin");
        using var agent = await factory.ClientAsync("aino", "agent");
        var record = await admin.PutAsJsonAsync("/api/customers/C-77", new
        {
            name = "Ville Koski", lifetimeRevenue = 4000.0,
            consent = new { connect = new { given = true, at = DateTimeOffset.UtcNow.AddDays(-20), source = "loyalty programme form" } },
            identities = new[] { new { platform = "x", handle = "ville_k" } },
        });
        Assert.That(record.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var posted = await admin.PostAsJsonAsync("/api/signals", new
        {
            platform = "x", postId = "answer-1", authorHandle = "ville_k", authorName = "Ville Koski", text = "My order is late again and nobody answers. Terrible!",
            postedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        });
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));

        Case? @case = null;
        for (var i = 0; i < 300 && @case is null; i++, await Task.Delay(100))
            @case = await factory.QueryAsync(db => db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Status == CaseStatus.AwaitingAgent));
        Assert.That(@case, Is.Not.Null, "the case reaches the inbox");
        var acted = await agent.PostAsJsonAsync($"/api/cases/{@case!.Id}/actions", new { action = "reply", replyKind = "personalised", requestConnection = true });
        Assert.That(acted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await acted.Content.ReadAsStringAsync());
        OutgoingMessage? request = null;
        for (var i = 0; i < 300 && request is null; i++, await Task.Delay(100))
            request = await factory.QueryAsync(db => db.OutgoingMessages.AsNoTracking().FirstOrDefaultAsync(m => m.CaseId == @case.Id && m.Kind == OutgoingKinds.ConnectionRequest));
        Assert.That(request, Is.Not.Null, "the connection request is sent");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            admin.PostAsJsonAsync($"/api/connection-requests/{request!.Id}/answer", new { accepted = i % 2 == 0 })));
        Assert.That(answers.Count(a => a.StatusCode == HttpStatusCode.Accepted), Is.EqualTo(1));
        Assert.That(answers.Count(a => a.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(7));
        var stored = await factory.QueryAsync(db => db.OutgoingMessages.AsNoTracking().SingleAsync(m => m.Id == request!.Id));
        Assert.That(stored.Answer, Is.AnyOf(ConnectionAnswers.Accepted, ConnectionAnswers.Declined));
        var outbox = await factory.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.MessageType.Contains("ConnectionRequestAnswered")));
        Assert.That(outbox, Is.EqualTo(1), "one answer reaches the measure stage");
    }
}
