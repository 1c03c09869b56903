using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Persistence;
using SocialCrm.Stages.Settings;
using SocialCrm.Tests.Api;

namespace SocialCrm.Tests.Workplace;

/// <summary>SLA clocks that run only in a queue's opening hours: the arithmetic across weekends, holidays and clock changes, and a case's due time.</summary>
public class BusinessHoursTests
{
    private static readonly BusinessHours Office = new("Europe/Helsinki", "mon-fri 08:00-17:00");

    // Helsinki is UTC+2 in winter, UTC+3 in summer.
    private static DateTime Helsinki(int y, int m, int d, int h, int min) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(y, m, d, h, min, 0), TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki"));

    [Test]
    public void An_hour_from_friday_afternoon_runs_out_on_monday_morning()
    {
        // Friday 2026-12-04 16:30: half an hour left that day, the other half after the weekend.
        Assert.That(Office.AddMinutes(Helsinki(2026, 12, 4, 16, 30), 60), Is.EqualTo(Helsinki(2026, 12, 7, 8, 30)));
        Assert.That(Office.MinutesBetween(Helsinki(2026, 12, 4, 16, 30), Helsinki(2026, 12, 7, 8, 30)), Is.EqualTo(60));
    }

    [Test]
    public void A_case_arriving_at_the_weekend_starts_its_clock_at_opening()
    {
        Assert.That(Office.AddMinutes(Helsinki(2026, 12, 5, 11, 0), 240), Is.EqualTo(Helsinki(2026, 12, 7, 12, 0)));
        Assert.That(Office.AddMinutes(Helsinki(2026, 12, 7, 6, 0), 30), Is.EqualTo(Helsinki(2026, 12, 7, 8, 30)), "before opening on a weekday");
        Assert.That(Office.AddMinutes(Helsinki(2026, 12, 7, 9, 0), 0), Is.EqualTo(Helsinki(2026, 12, 7, 9, 0)));
    }

    [Test]
    public void Holidays_are_skipped_and_long_slas_span_several_days()
    {
        var christmas = Office with { Holidays = "2026-12-24,2026-12-25" };
        // Wednesday 23 December 16:00: one hour that day, then Thursday and Friday are holidays, then the weekend.
        Assert.That(christmas.AddMinutes(Helsinki(2026, 12, 23, 16, 0), 120), Is.EqualTo(Helsinki(2026, 12, 28, 9, 0)));
        // 24 hours of SLA in a 9-hour working day: two days and six hours of opening time.
        Assert.That(Office.AddMinutes(Helsinki(2026, 12, 7, 8, 0), 24 * 60), Is.EqualTo(Helsinki(2026, 12, 9, 14, 0)));
    }

    [Test]
    public void Saturday_hours_and_a_clock_change_in_the_weekend()
    {
        var shop = new BusinessHours("Europe/Helsinki", "mon-fri 09:00-17:00; sat 10:00-14:00");
        Assert.That(shop.AddMinutes(Helsinki(2026, 3, 27, 16, 0), 120), Is.EqualTo(Helsinki(2026, 3, 28, 11, 0)), "Saturday's hours count");
        // Summer time starts on Sunday 29 March 2026: Monday opens at 09:00 local, now UTC+3.
        Assert.That(shop.AddMinutes(Helsinki(2026, 3, 28, 13, 30), 60), Is.EqualTo(Helsinki(2026, 3, 30, 9, 30)));
        Assert.That(Helsinki(2026, 3, 30, 9, 30), Is.EqualTo(new DateTime(2026, 3, 30, 6, 30, 0, DateTimeKind.Utc)));
    }

    [TestCase("Mars/Olympus", "mon-fri 08:00-17:00", "", "is not a time zone")]
    [TestCase("Europe/Helsinki", "weekdays 8 to 5", "", "is not days and hours")]
    [TestCase("Europe/Helsinki", "mon-fri 17:00-08:00", "", "a start before an end")]
    [TestCase("Europe/Helsinki", "mon-fry 08:00-17:00", "", "'mon-fry' is not a day")]
    [TestCase("Europe/Helsinki", "mon-fri 08:00-17:00", "24.12.2026", "is not a holiday date (yyyy-MM-dd)")]
    [TestCase("Europe/Helsinki", "  ", "", "give at least one day's hours")]
    public void Hours_that_are_not_hours_are_refused_in_words(string zone, string week, string holidays, string expected) =>
        Assert.That(new BusinessHours(zone, week, holidays).Problem(), Does.Contain(expected));

    [Test]
    public async Task A_queue_with_opening_hours_gives_its_cases_a_due_time_in_them_and_the_settings_say_so()
    {
        using var factory = new ApiFactory();
        using var admin = await factory.ClientAsync("root", "admin");
        var bad = await admin.PutAsJsonAsync("/api/settings", new { queues = new { complaints = new { hours = new { timeZone = "Europe/Helsinki", week = "mon-fri 08-17" } } } });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await bad.Content.ReadAsStringAsync(), Does.Contain("is not days and hours"));

        // Open one minute a week, a week from now: any case of the queue is due then at the earliest.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone);
        var day = local.DayOfWeek.ToString()[..3].ToLowerInvariant();
        var week = $"{day} {local.AddMinutes(-5):HH:mm}-{local.AddMinutes(-4):HH:mm}";
        if (local.Hour == 0 && local.Minute < 6) Assert.Ignore("the one-minute window would cross midnight");
        var saved = await admin.PutAsJsonAsync("/api/settings", new { queues = new { complaints = new { hours = new { timeZone = "Europe/Helsinki", week } } }, comment = "test hours" });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await saved.Content.ReadAsStringAsync());
        var versions = (await admin.GetFromJsonAsync<JsonArray>("/api/audit?action=settings.changed"))!;
        Assert.That(versions.First()!["detail"]!.GetValue<string>(), Does.Contain($"complaints: hours around the clock → {week} (Europe/Helsinki)"));

        var posted = await admin.PostAsJsonAsync("/api/signals", new
        {
            platform = "instagram", postId = "bh-1", authorHandle = "bh", authorName = "BH", postedAt = DateTimeOffset.UtcNow.AddMinutes(-1), text = "Terrible service, my blender arrived broken!",
        });
        var signalId = Guid.Parse((await posted.Content.ReadFromJsonAsync<JsonObject>())!["signalId"]!.GetValue<string>());
        SocialCrm.Domain.Cases.Case? found = null;
        for (var i = 0; i < 300 && found is null; i++)
        {
            using var scope = factory.Services.CreateScope();
            found = await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Cases.AsNoTracking().SingleOrDefaultAsync(c => c.SignalId == signalId && c.Status == "awaiting_agent");
            if (found is null) await Task.Delay(100);
        }
        Assert.That(found, Is.Not.Null);
        Assert.That(found!.Queue, Is.EqualTo("complaints"));
        Assert.That(found.SlaDueAt - found.CreatedAt, Is.GreaterThan(TimeSpan.FromDays(6)), "the clock waits for next week's opening minute");
    }
}
