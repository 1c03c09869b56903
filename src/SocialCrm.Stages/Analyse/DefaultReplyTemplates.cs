using SocialCrm.Domain.Templates;

namespace SocialCrm.Stages.Analyse;

/// <summary>The standard replies a new installation starts with (admins edit them later), per intent, in English and Finnish.</summary>
public static class DefaultReplyTemplates
{
    public static IReadOnlyList<ReplyTemplate> All =>
    [
        new() { Key = "complaint-en", Intent = "complaint", Language = "en", Text = "Hi {name}, we're sorry to hear this. Please send us a direct message with your order number and we'll sort it out." },
        new() { Key = "question-en", Intent = "question", Language = "en", Text = "Hi {name}, thanks for asking! You'll find the answer in our help centre, or send us a direct message and we'll help." },
        new() { Key = "request-en", Intent = "request", Language = "en", Text = "Hi {name}, thanks, we've noted your request. Please send us a direct message with the details." },
        new() { Key = "praise-en", Intent = "praise", Language = "en", Text = "Thank you so much, {name}! We're glad you're happy." },
        new() { Key = "other-en", Intent = "other", Language = "en", Text = "Hi {name}, thanks for reaching out. How can we help?" },
        new() { Key = "complaint-fi", Intent = "complaint", Language = "fi", Text = "Hei {name}, olemme pahoillamme. Lähetäthän meille yksityisviestin ja tilausnumerosi, niin selvitämme asian." },
        new() { Key = "question-fi", Intent = "question", Language = "fi", Text = "Hei {name}, kiitos kysymyksestä! Vastaus löytyy ohjekeskuksestamme, tai laita meille viestiä, niin autamme." },
        new() { Key = "request-fi", Intent = "request", Language = "fi", Text = "Hei {name}, kiitos, pyyntösi on kirjattu. Lähetäthän meille yksityisviestillä lisätiedot." },
        new() { Key = "praise-fi", Intent = "praise", Language = "fi", Text = "Kiitos paljon, {name}! Kiva kuulla, että olet tyytyväinen." },
        new() { Key = "other-fi", Intent = "other", Language = "fi", Text = "Hei {name}, kiitos viestistä. Miten voimme auttaa?" },
    ];
}
