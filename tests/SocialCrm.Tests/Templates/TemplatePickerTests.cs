using SocialCrm.Domain.Customers;
using SocialCrm.Domain.Templates;
using SocialCrm.Stages.Templates;

namespace SocialCrm.Tests.Templates;

/// <summary>Which template a case gets, and how its placeholders are filled in.</summary>
public class TemplatePickerTests
{
    private static ReplyTemplate T(string key, string intent, string kind, string text = "Hi {name}.", bool retired = false) =>
        new() { Key = key, Intent = intent, Language = "en", Kind = kind, Text = text, RetiredAt = retired ? DateTime.UtcNow : null };

    [Test]
    public void A_personalised_complaint_without_a_personalised_complaint_template_gets_the_complaint_one_not_the_generic_one()
    {
        ReplyTemplate[] templates = [T("complaint-en", "complaint", "standard"), T("complaint-en-personalised", "complaint", "personalised", retired: true), T("other-en-personalised", "other", "personalised")];
        Assert.That(TemplatePicker.Pick(templates, "complaint", "en", "personalised", hasEarlierCase: true)?.Key, Is.EqualTo("complaint-en"));
        Assert.That(TemplatePicker.Pick(templates, "question", "en", "personalised", hasEarlierCase: true)?.Key, Is.EqualTo("other-en-personalised"));
        Assert.That(TemplatePicker.Pick(templates, "question", "fi", "standard", hasEarlierCase: true), Is.Null);
    }

    [Test]
    public void A_template_naming_the_previous_case_is_not_picked_for_a_customer_without_one()
    {
        ReplyTemplate[] templates = [T("praise-en-personalised", "praise", "personalised", "Thanks {name}, as on {lastCase}!"), T("praise-en", "praise", "standard")];
        Assert.That(TemplatePicker.Pick(templates, "praise", "en", "personalised", hasEarlierCase: false)?.Key, Is.EqualTo("praise-en"));
        Assert.That(TemplatePicker.Pick(templates, "praise", "en", "personalised", hasEarlierCase: true)?.Key, Is.EqualTo("praise-en-personalised"));
    }

    [Test]
    public void Placeholders_are_filled_in_once_so_a_name_that_looks_like_one_is_sent_as_written()
    {
        var facts = new TemplateFacts("{status}", RelationshipStatus.Regular, 400, new DateTime(2026, 11, 3, 10, 0, 0, DateTimeKind.Utc));
        Assert.That(TemplatePlaceholders.Render("Hi {name}, our {status} for {tenure}; last time {lastCase}.", "en", facts),
            Is.EqualTo("Hi {status}, our regular for 13 months; last time 3 November 2026."));
        Assert.That(TemplatePlaceholders.Render("Hei {name}, {tenure}, {lastCase}", "fi", facts with { Name = "" }), Is.EqualTo("Hei, 13 kuukautta, 3.11.2026"));
        Assert.That(TemplatePlaceholders.Check("Hi { name } {Name} {"), Has.Count.EqualTo(3));
    }
}
