namespace SocialCrm.Domain.Audit;

/// <summary>What the audit trail records; one constant per kind of event.</summary>
public static class AuditActions
{
    public const string SignInFailed = "sign-in.failed", SignedIn = "sign-in", TokenIssued = "token.issued";
    public const string CaseClaimed = "case.claimed", CaseReleased = "case.released", CaseActed = "case.acted";
    public const string CaseAssigned = "case.assigned", CaseTransferred = "case.transferred", CaseNoteAdded = "case.note-added", CaseTagged = "case.tagged", MacroApplied = "case.macro-applied", CaseMerged = "case.merged";
    public const string CustomerMerged = "customer.merged";
    public const string MacroCreated = "macro.created", MacroChanged = "macro.changed", MacroRetired = "macro.retired";
    public const string AgentAvailabilityChanged = "agent.availability-changed", AgentWorkChanged = "agent.work-changed";
    public const string WorkflowDraftSaved = "workflow.draft-saved", WorkflowPublished = "workflow.published", WorkflowReverted = "workflow.reverted", WorkflowDraftDiscarded = "workflow.draft-discarded";
    public const string SettingsChanged = "settings.changed", SettingsRestored = "settings.restored";
    public const string TopicChanged = "topic.changed", TopicAlertAcknowledged = "topic.alert-acknowledged", TopicsRecomputed = "topics.recomputed", AlertWebhookSet = "alert-webhook.set";
    public const string TemplateCreated = "template.created", TemplateChanged = "template.changed", TemplateRetired = "template.retired", TemplateRestored = "template.restored";
    public const string ModelRestored = "model.restored", MessageReplayed = "message.replayed";
    public const string CustomerUpdated = "customer.updated", CustomerExported = "customer.exported", CustomerErased = "customer.erased";
    public const string IdentityClaimConfirmed = "customer.claim-confirmed", IdentityClaimRejected = "customer.claim-rejected";
    public const string UserAdded = "user.added", UserDisabled = "user.disabled", UserEnabled = "user.enabled", UserRolesChanged = "user.roles-changed";
}

/// <summary>Who did what, to what, and when. Append-only: the store refuses to change or delete one.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>The user name, or "system", or for a failed sign-in the name that was tried.</summary>
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    /// <summary>What it was done to: a case id, a workflow "analyse v3", a user name.</summary>
    public string Target { get; set; } = "";
    public string? Detail { get; set; }
}
