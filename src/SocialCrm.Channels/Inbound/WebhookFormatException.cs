namespace SocialCrm.Channels.Inbound;

/// <summary>A signed delivery whose content is not what the platform documents; the message says what is wrong and where.</summary>
public sealed class WebhookFormatException(string message) : Exception(message);
