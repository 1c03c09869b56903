using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Tests.Api;
using SocialCrm.Tests.Channels;

namespace SocialCrm.Tests.Workplace;

/// <summary>
/// The sign-in keys in the store are encrypted with a certificate kept outside it, so a copy of the database alone
/// cannot forge or read a sign-in; behind a TLS proxy that is named as trusted the console's cookie is Secure and
/// HSTS is sent; every answer says nosniff; sign-out takes the antiforgery token.
/// </summary>
public class KeysAndTransportTests
{
    [Test]
    public async Task The_sign_in_keys_are_encrypted_and_a_copy_of_the_store_without_the_certificate_accepts_no_token()
    {
        var shared = Path.Combine(Path.GetTempPath(), "socialcrm-tests", "keys-" + Guid.NewGuid().ToString("N"));
        var copy = Path.Combine(Path.GetTempPath(), "socialcrm-tests", "keys-copy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(copy);
        try
        {
            string token;
            using (var first = new ApiFactory().With("SocialCrm:Database:ConnectionString", $"Data Source={Path.Combine(shared, "api.db")}"))
            {
                var (user, password) = await first.UserAsync("keeper", "agent");
                token = await ApiFactory.TokenAsync(first.CreateClient(), user, password);
                var keys = await first.QueryAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
                Assert.That(keys, Is.Not.Empty);
                Assert.That(keys, Has.All.Contains("EncryptedData").And.All.Not.Contains("<value>"), "no key is kept in clear");
                Assert.That(await GetAsync(first, token), Is.EqualTo(HttpStatusCode.OK));
            }
            foreach (var file in Directory.GetFiles(shared, "api.db*")) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));

            using (var again = new ApiFactory().With("SocialCrm:Database:ConnectionString", $"Data Source={Path.Combine(shared, "api.db")}"))
                Assert.That(await GetAsync(again, token), Is.EqualTo(HttpStatusCode.OK), "the same store with its certificate (a restart, another process) reads the token");
            using (var thief = new ApiFactory().With("SocialCrm:Database:ConnectionString", $"Data Source={Path.Combine(copy, "api.db")}"))
                Assert.That(await GetAsync(thief, token), Is.EqualTo(HttpStatusCode.Unauthorized), "a copy of the store without the certificate cannot read the keys");
        }
        finally
        {
            foreach (var folder in new[] { shared, copy })
                try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<HttpStatusCode> GetAsync(ApiFactory host, string token)
    {
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/stats")).StatusCode;
    }

    [Test]
    public async Task Behind_a_trusted_TLS_proxy_the_cookie_is_Secure_and_HSTS_is_sent_and_nobody_else_is_believed()
    {
        using var factory = new ApiFactory().With("SocialCrm:ForwardedHeaders:KnownProxies:0", "10.0.0.5");
        var (user, password) = await factory.UserAsync("proxied", "agent");

        async Task<HttpContext> SendAsync(string from, string method, string path, string? cookie = null, Dictionary<string, string>? form = null) =>
            await factory.Server.SendAsync(http =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse(from);
                http.Request.Method = method;
                http.Request.Path = path;
                http.Request.Host = new HostString("crm.example.com");
                http.Request.Headers["X-Forwarded-Proto"] = "https";
                http.Request.Headers["X-Forwarded-For"] = "203.0.113.9";
                if (cookie is not null) http.Request.Headers.Cookie = cookie;
                if (form is not null)
                {
                    var body = new FormUrlEncodedContent(form).ReadAsByteArrayAsync().Result;
                    http.Request.ContentType = "application/x-www-form-urlencoded";
                    http.Request.Body = new MemoryStream(body);
                    http.Request.ContentLength = body.Length;
                }
            });

        var trusted = await SendAsync("10.0.0.5", "GET", "/signin");
        Assert.That(trusted.Response.Headers.StrictTransportSecurity.ToString(), Does.Contain("max-age"), "HSTS over HTTPS");
        Assert.That(trusted.Response.Headers.XContentTypeOptions.ToString(), Is.EqualTo("nosniff"));
        var stranger = await SendAsync("10.0.0.6", "GET", "/signin");
        Assert.That(stranger.Response.Headers.StrictTransportSecurity.ToString(), Is.Empty, "an unknown proxy's X-Forwarded-Proto is not believed");
        Assert.That(stranger.Response.Headers.XContentTypeOptions.ToString(), Is.EqualTo("nosniff"));

        // Sign in through the form over the trusted proxy: the cookie it sets is Secure.
        var page = new StreamReader(trusted.Response.Body).ReadToEnd();
        var antiforgery = Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        Assert.That(antiforgery, Is.Not.Empty, "the sign-in form carries its antiforgery token");
        var formCookie = string.Join("; ", trusted.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]));
        var signedIn = await SendAsync("10.0.0.5", "POST", "/account/signin", formCookie,
            new() { ["userName"] = user, ["password"] = password, ["__RequestVerificationToken"] = antiforgery, ["returnUrl"] = "/" });
        var session = signedIn.Response.Headers.SetCookie.Select(c => c!).SingleOrDefault(c => c.StartsWith("socialcrm="));
        Assert.That(session, Is.Not.Null, $"signed in: {signedIn.Response.StatusCode} {signedIn.Response.Headers.Location}");
        Assert.That(session!.ToLowerInvariant(), Does.Contain("; secure").And.Contain("httponly"));

        // Sign-out without the form's antiforgery token is refused; the session stays.
        var sessionCookie = session.Split(';')[0];
        var forged = await SendAsync("10.0.0.5", "POST", "/account/signout", sessionCookie, new() { ["x"] = "1" });
        Assert.That(forged.Response.StatusCode, Is.EqualTo(400));
        Assert.That(forged.Response.Headers.SetCookie.Any(c => c!.StartsWith("socialcrm=;")), Is.False);
    }

    [Test]
    public async Task Without_a_trusted_proxy_nobody_s_forwarded_headers_are_believed()
    {
        using var factory = new ApiFactory();
        var answer = await factory.Server.SendAsync(http =>
        {
            http.Connection.RemoteIpAddress = IPAddress.Parse("198.51.100.7");
            http.Request.Method = "GET";
            http.Request.Path = "/signin";
            http.Request.Host = new HostString("crm.example.com");
            http.Request.Headers["X-Forwarded-Proto"] = "https";
            http.Request.Headers["X-Forwarded-For"] = "203.0.113.9";
        });
        Assert.That(answer.Response.Headers.StrictTransportSecurity.ToString(), Is.Empty);
        Assert.That(answer.Connection.RemoteIpAddress!.ToString(), Is.EqualTo("198.51.100.7"), "a caller cannot pick the address its rate limit is counted against");
    }
}
