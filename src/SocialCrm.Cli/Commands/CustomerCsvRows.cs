using System.Globalization;
using CsvHelper;
using SocialCrm.Stages.Customers;

namespace SocialCrm.Cli.Commands;

/// <summary>
/// The back office's export as CSV, one customer per row, with a header row. Columns (only externalId and name are
/// required): externalId, name, email, lifetimeRevenue, contactConsent, contactConsentAt, contactConsentSource,
/// connectConsent, connectConsentAt, connectConsentSource, identities ("facebook:6001; x:@jane_doe": platform, then
/// the user id or an @handle), purchases ("SO-1001=89.90@2026-10-01; SO-1002=12.00@2026-11-02").
/// </summary>
public static class CustomerCsvRows
{
    public static readonly string[] Columns =
    [
        "externalId", "name", "email", "lifetimeRevenue", "contactConsent", "contactConsentAt", "contactConsentSource",
        "connectConsent", "connectConsentAt", "connectConsentSource", "identities", "purchases",
    ];

    public sealed record Row(long Line, string? ExternalId, CustomerRecordInput? Input, string? Problem);

    public static async IAsyncEnumerable<Row> ReadAsync(TextReader text, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var csv = CsvReader.Create(text, new CsvReaderOptions { HasHeader = true, SkipEmptyLines = true, TrackLineNumbers = true }, leaveOpen: true);
        var checkedHeader = false;
        while (await csv.ReadAsync(ct))
        {
            if (!checkedHeader)
            {
                var unknown = csv.Headers.Where(h => !Columns.Contains(h)).ToList();
                if (unknown.Count > 0 || !csv.Headers.Contains("externalId") || !csv.Headers.Contains("name"))
                    throw new ArgumentException($"the header row must name externalId and name; unknown column(s): {string.Join(", ", unknown.DefaultIfEmpty("none"))} (columns: {string.Join(", ", Columns)})");
                checkedHeader = true;
            }
            string? Field(string name) => csv.Headers.Contains(name) && csv.GetStringOrNull(name) is { Length: > 0 } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
            var line = csv.LineNumber;
            Row row;
            try
            {
                row = new Row(line, Field("externalId"), new CustomerRecordInput
                {
                    Name = Field("name"),
                    Email = Field("email"),
                    LifetimeRevenue = Field("lifetimeRevenue") is { } r ? Number(r, "lifetimeRevenue") : null,
                    Consent = new ConsentsInput
                    {
                        Contact = Consent(Field("contactConsent"), Field("contactConsentAt"), Field("contactConsentSource"), "contactConsent"),
                        Connect = Consent(Field("connectConsent"), Field("connectConsentAt"), Field("connectConsentSource"), "connectConsent"),
                    },
                    Identities = Field("identities") is { } ids ? Identities(ids) : null,
                    Purchases = Field("purchases") is { } ps ? Purchases(ps) : null,
                }, null);
            }
            catch (FormatException e)
            {
                row = new Row(line, Field("externalId"), null, e.Message);
            }
            yield return row;
        }
    }

    private static double Number(string s, string column) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"{column}: '{s}' is not a number (use a dot for decimals)");

    private static DateTimeOffset Time(string s, string column) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : throw new FormatException($"{column}: '{s}' is not a date (yyyy-MM-dd or ISO 8601)");

    private static ConsentInput? Consent(string? given, string? at, string? source, string column) => given is null ? null : new ConsentInput
    {
        Given = given.ToLowerInvariant() switch
        {
            "yes" or "true" or "1" => true,
            "no" or "false" or "0" => false,
            _ => throw new FormatException($"{column}: '{given}' is not yes or no"),
        },
        At = at is null ? null : Time(at, column + "At"),
        Source = source,
    };

    private static List<IdentityInput> Identities(string s) => s.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part =>
    {
        var colon = part.IndexOf(':');
        if (colon <= 0 || colon == part.Length - 1) throw new FormatException($"identities: '{part}' is not platform:userId or platform:@handle");
        var (platform, account) = (part[..colon].Trim(), part[(colon + 1)..].Trim());
        return account.StartsWith('@') ? new IdentityInput { Platform = platform, Handle = account[1..] } : new IdentityInput { Platform = platform, UserId = account };
    }).ToList();

    private static List<PurchaseInput> Purchases(string s) => s.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part =>
    {
        var eq = part.IndexOf('=');
        var at = part.LastIndexOf('@');
        if (eq <= 0 || at < eq) throw new FormatException($"purchases: '{part}' is not ORDER=AMOUNT@DATE");
        return new PurchaseInput { OrderNumber = part[..eq].Trim(), Amount = Number(part[(eq + 1)..at].Trim(), "purchases"), PurchasedAt = Time(part[(at + 1)..].Trim(), "purchases") };
    }).ToList();
}
