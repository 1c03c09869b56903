namespace SocialCrm.Domain.Templates;

/// <summary>
/// A reply an admin wrote for one intent, language and kind, with placeholders for the customer's details
/// (<see cref="TemplatePlaceholders"/>). Editing makes a new version (<see cref="ReplyTemplateVersion"/>); a retired
/// template is kept for the cases that used it but is no longer picked.
/// </summary>
public sealed class ReplyTemplate
{
    public string Key { get; set; } = "";
    public string Intent { get; set; } = "";
    public string Language { get; set; } = "en";
    /// <summary>standard or personalised (<see cref="TemplateKinds"/>).</summary>
    public string Kind { get; set; } = TemplateKinds.Standard;
    public string Text { get; set; } = "";
    public int Version { get; set; } = 1;
    public DateTime? RetiredAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    public bool Retired => RetiredAt is not null;

    /// <summary>The text for this customer, placeholders filled in (<see cref="TemplatePlaceholders.Render"/>).</summary>
    public string Render(TemplateFacts facts) => TemplatePlaceholders.Render(Text, Language, facts);
}

/// <summary>A template as it was saved at one version: never changed afterwards.</summary>
public sealed class ReplyTemplateVersion
{
    public long Id { get; set; }
    public string Key { get; set; } = "";
    public int Version { get; set; }
    public string Intent { get; set; } = "";
    public string Language { get; set; } = "en";
    public string Kind { get; set; } = TemplateKinds.Standard;
    public string Text { get; set; } = "";
    public bool Retired { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public string? Comment { get; set; }
}

public static class TemplateKinds
{
    public const string Standard = "standard", Personalised = "personalised";
    public static readonly string[] All = [Standard, Personalised];
}
