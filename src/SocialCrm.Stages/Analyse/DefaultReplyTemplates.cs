using SocialCrm.Domain.Templates;

namespace SocialCrm.Stages.Analyse;

/// <summary>The replies a new installation starts with (admins edit them in the console), per intent and kind, in English and Finnish.</summary>
public static class DefaultReplyTemplates
{
    private const string P = TemplateKinds.Personalised;

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
        new() { Key = "complaint-en-personalised", Intent = "complaint", Language = "en", Kind = P, Text = "Hi {name}, I'm sorry this happened. You've been with us for {tenure} and I want to put it right: please send me a direct message with your order number and I'll look after it personally." },
        new() { Key = "question-en-personalised", Intent = "question", Language = "en", Kind = P, Text = "Hi {name}, good question! Send me a direct message and I'll find the answer for you personally." },
        new() { Key = "request-en-personalised", Intent = "request", Language = "en", Kind = P, Text = "Hi {name}, thanks for being with us for {tenure}. I've noted your request and will follow it up personally; please send me the details in a direct message." },
        new() { Key = "praise-en-personalised", Intent = "praise", Language = "en", Kind = P, Text = "Thank you so much, {name}! After {tenure} with us that means a lot, and I'll pass it on to the team personally." },
        new() { Key = "other-en-personalised", Intent = "other", Language = "en", Kind = P, Text = "Hi {name}, thanks for getting in touch. How can I help? I'll look after it personally." },
        new() { Key = "complaint-fi-personalised", Intent = "complaint", Language = "fi", Kind = P, Text = "Hei {name}, olen pahoillani tapahtuneesta. Olet ollut asiakkaamme {tenure}, ja haluan korjata asian: lähetäthän minulle yksityisviestillä tilausnumerosi, niin hoidan asian henkilökohtaisesti." },
        new() { Key = "question-fi-personalised", Intent = "question", Language = "fi", Kind = P, Text = "Hei {name}, hyvä kysymys! Laita minulle yksityisviestiä, niin selvitän vastauksen sinulle henkilökohtaisesti." },
        new() { Key = "request-fi-personalised", Intent = "request", Language = "fi", Kind = P, Text = "Hei {name}, kiitos, että olet ollut kanssamme {tenure}. Pyyntösi on kirjattu ja hoidan sen henkilökohtaisesti; lähetäthän lisätiedot yksityisviestillä." },
        new() { Key = "praise-fi-personalised", Intent = "praise", Language = "fi", Kind = P, Text = "Kiitos paljon, {name}! Olet ollut kanssamme {tenure}, joten palautteesi lämmittää erityisesti. Välitän sen tiimille henkilökohtaisesti." },
        new() { Key = "other-fi-personalised", Intent = "other", Language = "fi", Kind = P, Text = "Hei {name}, kiitos yhteydenotosta. Miten voin auttaa? Hoidan asiasi henkilökohtaisesti." },
    ];
}
