namespace SocialCrm.Stages.Templates;

/// <summary>What an admin sends to create or edit a reply template; Comment goes to the version and the audit trail.</summary>
public sealed record ReplyTemplateInput(string? Intent, string? Language, string? Kind, string? Text, string? Comment = null, string? Key = null, int? Version = null);
