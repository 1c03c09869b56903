using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;

namespace SocialCrm.Stages.Search;

public sealed record PostHit(Guid SignalId, Guid? CaseId, string? CaseStatus, string? Holder, string Platform, string Author, string Handle, DateTime PostedAt,
    IReadOnlyList<TextPart> Text, double Rank);

public sealed record CustomerHit(Guid CustomerId, string Name, string? Email, string? ExternalId, IReadOnlyList<string> Handles, IReadOnlyList<string> Orders,
    IReadOnlyList<TextPart> Matched, int OpenCases, Guid? LatestCaseId);

public sealed record SearchResults(string Query, IReadOnlyList<string> Words, IReadOnlyList<CustomerHit> Customers, IReadOnlyList<PostHit> Posts, double Milliseconds);

/// <summary>
/// Finds customers (by name, e-mail, back-office id, handle or order number) and posts with their cases (by words in
/// the text, the author's name or handle), ranked, with the matches marked. It reads the store's full-text indexes
/// (SQLite FTS5 tables, PostgreSQL GIN over tsvector; see the Search migration), never a scan; on SQL Server, which
/// needs a full-text catalog set up by its operator, it falls back to LIKE.
/// </summary>
public sealed class SearchService(CrmDbContext db, DatabaseOptions database)
{
    public const int MaxPosts = 20, MaxCustomers = 10;

    /// <summary>
    /// Posts are ranked among the newest this many that match: a word in a quarter of a million posts would otherwise
    /// be ranked in every one of them (a quarter of a second on PostgreSQL over a million posts), and an agent looks
    /// for what is recent.
    /// </summary>
    public const int Candidates = 200;

    private sealed record Ranked(Guid Id, double Rank);

    public async Task<SearchResults> SearchAsync(string? query, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var terms = SearchTerms.Parse(query);
        if (terms.IsEmpty) return new(query ?? "", [], [], [], 0);
        var provider = DatabaseOptions.Canonical(database.Provider);
        var posts = await PostIdsAsync(provider, terms, ct);
        var customers = await CustomerIdsAsync(provider, terms, ct);
        var postHits = await PostHitsAsync(posts, terms, ct);
        var customerHits = await CustomerHitsAsync(customers, terms, ct);
        return new(query!, terms.Words, customerHits, postHits, clock.Elapsed.TotalMilliseconds);
    }

    private async Task<List<Ranked>> PostIdsAsync(string provider, SearchTerms terms, CancellationToken ct)
    {
        switch (provider)
        {
            case DatabaseOptions.Postgres:
                var tsq = terms.TsQuery();
                // The newest matches (by the PostedAt index when a word is in many posts, by GIN when in few), ranked.
                return await db.Database.SqlQuery<Ranked>($"""
                    SELECT h."Id", ts_rank_cd(h."SearchVector", to_tsquery('simple', {tsq}))::float8 AS "Rank"
                    FROM (SELECT s."Id", s."PostedAt", s."SearchVector" FROM "Signals" s
                          WHERE s."SearchVector" @@ to_tsquery('simple', {tsq}) ORDER BY s."PostedAt" DESC LIMIT {Candidates}) h
                    ORDER BY "Rank" DESC, h."PostedAt" DESC
                    LIMIT {MaxPosts}
                    """).ToListAsync(ct);
            case DatabaseOptions.Sqlite:
                var match = terms.Fts5();
                // The newest matches (FTS5 walks its rowids, which are the posts' order of arrival, backwards), ranked by
                // bm25 (lower is better; names count ten times the text).
                return await db.Database.SqlQuery<Ranked>($"""
                    SELECT s."Id" AS "Id", -h."Bm25" AS "Rank"
                    FROM (SELECT rowid AS "Row", bm25("SignalSearch", 10.0, 1.0) AS "Bm25" FROM "SignalSearch"
                          WHERE "SignalSearch" MATCH {match} ORDER BY rowid DESC LIMIT {Candidates}) h
                    JOIN "Signals" s ON s.rowid = h."Row"
                    ORDER BY h."Bm25", s."PostedAt" DESC
                    LIMIT {MaxPosts}
                    """).ToListAsync(ct);
            default:
                var rows = db.Signals.AsNoTracking();
                foreach (var w in terms.Words) rows = rows.Where(s => s.Text.Contains(w) || s.AuthorHandle.Contains(w) || (s.AuthorName != null && s.AuthorName.Contains(w)));
                return await rows.OrderByDescending(s => s.PostedAt).Take(MaxPosts).Select(s => new Ranked(s.Id, 0)).ToListAsync(ct);
        }
    }

    private async Task<List<Guid>> CustomerIdsAsync(string provider, SearchTerms terms, CancellationToken ct)
    {
        List<Guid> byText;
        switch (provider)
        {
            case DatabaseOptions.Postgres:
                var tsq = terms.TsQuery();
                byText = await db.Database.SqlQuery<Guid>($"""
                    SELECT c."Id" AS "Value" FROM "Customers" c
                    WHERE to_tsvector('simple', coalesce(c."DisplayName", '') || ' ' || coalesce(c."Email", '') || ' ' || coalesce(c."ExternalId", '')) @@ to_tsquery('simple', {tsq})
                    UNION
                    SELECT i."CustomerId" FROM "SocialIdentities" i
                    WHERE to_tsvector('simple', i."Handle" || ' ' || coalesce(i."DisplayName", '')) @@ to_tsquery('simple', {tsq})
                    LIMIT {MaxCustomers * 2}
                    """).ToListAsync(ct);
                break;
            case DatabaseOptions.Sqlite:
                var match = terms.Fts5();
                byText = await db.Database.SqlQuery<Guid>($"""
                    SELECT c."Id" AS "Value" FROM "CustomerSearch" f JOIN "Customers" c ON c.rowid = f.rowid WHERE "CustomerSearch" MATCH {match}
                    UNION
                    SELECT i."CustomerId" FROM "IdentitySearch" f JOIN "SocialIdentities" i ON i.rowid = f.rowid WHERE "IdentitySearch" MATCH {match}
                    LIMIT {MaxCustomers * 2}
                    """).ToListAsync(ct);
                break;
            default:
                var w = terms.Words[0];
                byText = await db.Customers.Where(c => c.DisplayName.Contains(w) || (c.Email != null && c.Email.Contains(w)) || (c.ExternalId != null && c.ExternalId.Contains(w)))
                    .Select(c => c.Id).Union(db.SocialIdentities.Where(i => i.Handle.Contains(w)).Select(i => i.CustomerId)).Take(MaxCustomers * 2).ToListAsync(ct);
                break;
        }
        // An order number is looked up as it is written, by its own index.
        var words = terms.Exact.ToList();
        var byOrder = await db.Purchases.Where(p => words.Contains(p.OrderNumber)).Select(p => p.CustomerId).Distinct().Take(MaxCustomers).ToListAsync(ct);
        return [.. byOrder.Concat(byText).Distinct()];
    }

    private async Task<List<PostHit>> PostHitsAsync(List<Ranked> ranked, SearchTerms terms, CancellationToken ct)
    {
        if (ranked.Count == 0) return [];
        var ids = ranked.Select(r => r.Id).ToList();
        var rows = await (
            from s in db.Signals.AsNoTracking()
            where ids.Contains(s.Id)
            join c in db.Cases on s.Id equals c.SignalId into cases
            from c in cases.DefaultIfEmpty()
            select new { s.Id, s.Platform, s.AuthorName, s.AuthorHandle, s.PostedAt, s.Text, CaseId = (Guid?)c.Id, Status = c == null ? null : c.Status, Holder = c == null ? null : c.AssignedAgent })
            .ToListAsync(ct);
        var rank = ranked.ToDictionary(r => r.Id, r => r.Rank);
        return [.. rows.OrderBy(r => ids.IndexOf(r.Id)).Select(r => new PostHit(r.Id, r.CaseId, r.Status, r.Holder, r.Platform, r.AuthorName ?? r.AuthorHandle, r.AuthorHandle, r.PostedAt,
            Highlight.Of(r.Text, terms), rank[r.Id]))];
    }

    private async Task<List<CustomerHit>> CustomerHitsAsync(List<Guid> ids, SearchTerms terms, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        // A record merged into another has moved everything to it: the other is found.
        var customers = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id) && c.ErasedAt == null && c.MergedIntoId == null).Include(c => c.Identities).ToListAsync(ct);
        var found = customers.Select(c => c.Id).ToList();
        var words = terms.Exact.ToList();
        var orders = (await db.Purchases.AsNoTracking().Where(p => found.Contains(p.CustomerId)).OrderByDescending(p => p.PurchasedAt)
            .Select(p => new { p.CustomerId, p.OrderNumber }).ToListAsync(ct)).ToLookup(p => p.CustomerId, p => p.OrderNumber);
        var cases = (await db.Cases.AsNoTracking().Where(c => found.Contains(c.CustomerId)).Select(c => new { c.Id, c.CustomerId, c.Status, c.CreatedAt }).ToListAsync(ct))
            .ToLookup(c => c.CustomerId);
        return [.. customers.OrderBy(c => ids.IndexOf(c.Id)).Take(MaxCustomers).Select(c =>
        {
            var theirOrders = orders[c.Id].ToList();
            var handles = c.Identities.Select(i => $"{i.Platform}: @{i.Handle}").ToList();
            // What matched, marked: the name, e-mail, back-office id, a handle or an order number.
            var matchedOrder = theirOrders.FirstOrDefault(o => words.Contains(o));
            var line = string.Join(" · ", new[] { c.DisplayName, c.Email, c.ExternalId is null ? null : $"customer {c.ExternalId}", matchedOrder is null ? null : $"order {matchedOrder}" }
                .Concat(c.Identities.Select(i => "@" + i.Handle)).OfType<string>());
            var theirCases = cases[c.Id].OrderByDescending(x => x.CreatedAt).ToList();
            return new CustomerHit(c.Id, c.DisplayName, c.Email, c.ExternalId, handles, [.. theirOrders.Take(5)], Highlight.Of(line, terms),
                theirCases.Count(x => x.Status is CaseStatus.AwaitingAgent or CaseStatus.Prepared), theirCases.FirstOrDefault()?.Id);
        })];
    }
}
