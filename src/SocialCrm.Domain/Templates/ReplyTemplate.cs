namespace SocialCrm.Domain.Templates;

/// <summary>A standard reply per intent and language; {name} is replaced by the customer's display name.</summary>
public sealed class ReplyTemplate
{
    public string Key { get; set; } = "";
    public string Intent { get; set; } = "";
    public string Language { get; set; } = "en";
    public string Text { get; set; } = "";

    public string Render(string customerName) => Text.Replace("{name}", customerName, StringComparison.Ordinal);
}
