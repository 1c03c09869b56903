using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Web.Api;

namespace SocialCrm.Tests.Api;

/// <summary>While the database is out of reach, callers are told to come back (503 with Retry-After), not handed a 500.</summary>
public class StoreOutageAnswerTests
{
    [Test]
    public async Task A_store_that_cannot_be_reached_is_a_503_with_retry_after_and_a_refused_write_is_not()
    {
        using var factory = new ApiFactory();
        factory.StartServer();
        var outage = new DbUpdateException("saving failed", new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)));
        var http = new DefaultHttpContext { RequestServices = factory.Services };
        http.Response.Body = new MemoryStream();
        Assert.That(await new ProblemExceptionHandler().TryHandleAsync(http, outage, CancellationToken.None), Is.True);
        Assert.That(http.Response.StatusCode, Is.EqualTo(StatusCodes.Status503ServiceUnavailable));
        Assert.That(http.Response.Headers.RetryAfter.ToString(), Is.EqualTo("10"));

        // A write the store refused (a broken rule, not an outage) is still the server's own fault: not dressed up as 503.
        var refused = new DbUpdateException("saving failed", new InvalidOperationException("constraint"));
        Assert.That(StoreFailures.IsTransient(refused), Is.False);
        Assert.That(StoreFailures.IsTransient(new TimeoutException()), Is.True);
    }
}
