namespace SocialCrm.Domain.Templates;

/// <summary>A standard reply per intent and language; {name} is replaced by the customer's display name.</summary>
public sealed class ReplyTemplate
{
    public string Key { get; set; } = "";
    public string Intent { get; set; } = "";
    public string Language { get; set; } = "en";
    public string Text { get; set; } = "";

    /// <summary>The text for this customer; without a name on record ("Hi {name}," / "Thank you, {name}!") it greets without one.</summary>
    public string Render(string customerName) => string.IsNullOrWhiteSpace(customerName)
        ? Text.Replace(", {name}", "", StringComparison.Ordinal).Replace(" {name}", "", StringComparison.Ordinal).Replace("{name}", "", StringComparison.Ordinal)
        : Text.Replace("{name}", customerName, StringComparison.Ordinal);
}
