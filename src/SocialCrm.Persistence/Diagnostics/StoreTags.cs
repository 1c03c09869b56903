namespace SocialCrm.Persistence.Diagnostics;

/// <summary>Comments put on statements (EF's TagWith), so an operator reading the store's slow-query log knows what sent them.</summary>
public static class StoreTags
{
    /// <summary>Periodic or start-up housekeeping, not work done per signal: it may read a whole (retention-bounded) table.</summary>
    public const string Maintenance = "maintenance: ";
}
