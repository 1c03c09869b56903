using Bogus;

namespace SocialCrm.Simulation;

/// <summary>Realistic post texts per intent and language, with products and order numbers filled in.</summary>
public static class SignalTexts
{
    private static readonly Dictionary<(string Intent, string Language), string[]> Phrases = new()
    {
        [("complaint", "en")] = [
            "My {product} arrived broken. Really disappointed @brand", "Still waiting for order #{order}, 2 weeks now. Terrible service!",
            "The {product} stopped working after 3 days. I want a refund", "Charged twice for order #{order}?! Unacceptable.",
            "Your app crashed again and my {product} order is missing", "Worst support ever, nobody answers about my {product}",
        ],
        [("question", "en")] = [
            "How do I return the {product}?", "When will order #{order} ship?", "Does the {product} come in other colours?",
            "Is there a warranty on the {product}?", "Where can I find the manual for the {product}?",
        ],
        [("request", "en")] = [
            "Please change the delivery address for order #{order}", "Could you send me an invoice for the {product}?",
            "I need to update my email on my account, please help", "Can you add gift wrapping to order #{order}?",
        ],
        [("praise", "en")] = [
            "Love my new {product}! Thanks @brand", "Great service today, thank you so much!", "The {product} is amazing, best purchase this year",
            "Fast delivery and excellent quality. Well done!",
        ],
        [("other", "en")] = [
            "Anyone else watching the game tonight?", "Saw your ad on the bus this morning", "Monday again...", "Is it just me or is it cold today",
        ],
        [("complaint", "fi")] = [
            "{product} tuli rikki ja olen tosi pettynyt", "Tilaus #{order} on ollut myöhässä kaksi viikkoa, surkea palvelu!",
            "{product} ei toimi enää. Haluan hyvityksen", "Minulta veloitettiin kahdesti tilauksesta #{order}",
        ],
        [("question", "fi")] = [
            "Miten palautan tuotteen {product}?", "Milloin tilaus #{order} lähtee?", "Onko tuotteella {product} takuu?", "Mistä löydän ohjeet?",
        ],
        [("request", "fi")] = [
            "Voisitteko vaihtaa tilauksen #{order} toimitusosoitteen?", "Haluaisin laskun tilauksesta #{order}", "Pyydän päivittämään sähköpostini",
        ],
        [("praise", "fi")] = [
            "Kiitos, {product} on ihan mahtava!", "Loistava palvelu tänään, kiitos paljon!", "Nopea toimitus ja upea laatu, kiitos",
        ],
        [("other", "fi")] = [
            "Onpa kylmä päivä", "Näin mainoksenne bussissa", "Maanantai taas...",
        ],
    };

    private static readonly Dictionary<(bool Happy, string Language), string[]> FollowUps = new()
    {
        [(true, "en")] = ["Thanks, that solved it!", "Great, thank you for the quick help", "Perfect, appreciate it!"],
        [(false, "en")] = ["Still not fixed. This is ridiculous", "That didn't help at all", "No answer to my DM yet, disappointed"],
        [(true, "fi")] = ["Kiitos, asia ratkesi!", "Mahtavaa, kiitos nopeasta avusta"],
        [(false, "fi")] = ["Ei vieläkään toimi, surkeaa", "Tuo ei auttanut yhtään"],
    };

    public static string Post(Faker faker, string intent, string language) =>
        faker.PickRandom(Phrases[(intent, language)])
            .Replace("{product}", faker.Commerce.ProductName(), StringComparison.Ordinal)
            .Replace("{order}", faker.Random.Number(10000, 99999).ToString(), StringComparison.Ordinal);

    public static string FollowUp(Faker faker, bool happy, string language) => faker.PickRandom(FollowUps[(happy, language)]);
}
