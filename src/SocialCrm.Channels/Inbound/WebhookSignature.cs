using System.Security.Cryptography;
using System.Text;

namespace SocialCrm.Channels.Inbound;

/// <summary>
/// HMAC-SHA256 signatures over a webhook's raw body, as Meta (hex), X (base64) and our generic sources (hex) send
/// them, always compared in constant time so a caller cannot learn a valid signature byte by byte.
/// </summary>
public static class WebhookSignature
{
    public const string Prefix = "sha256=";

    /// <summary>"sha256=&lt;hex&gt;", Meta's X-Hub-Signature-256 and our generic sources' header.</summary>
    public static string HexOf(ReadOnlySpan<byte> body, string secret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>"sha256=&lt;base64&gt;", X's x-twitter-webhooks-signature and CRC response token.</summary>
    public static string Base64Of(ReadOnlySpan<byte> body, string secret) =>
        Prefix + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool HexMatches(string? header, ReadOnlySpan<byte> body, string secret)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return false;
        var hex = header.AsSpan(Prefix.Length).Trim();
        if (hex.Length != 64) return false;
        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(hex, given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32) return false;
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    public static bool Base64Matches(string? header, ReadOnlySpan<byte> body, string secret)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return false;
        Span<byte> given = stackalloc byte[33];
        if (!Convert.TryFromBase64String(header[Prefix.Length..].Trim(), given, out var written) || written != 32) return false;
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(given[..32], expected);
    }

    /// <summary>Two secrets compared in constant time, so a guess cannot be refined from how long a refusal takes.</summary>
    public static bool SameText(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
