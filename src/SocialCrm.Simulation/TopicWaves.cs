namespace SocialCrm.Simulation;

/// <summary>
/// A wave of posts about one matter, injected at a known time with known texts: the truth topic discovery and the
/// spike alerts are measured against. Posts arrive with a triangular rate: rising to its peak at a third of the
/// wave's length, then tailing off.
/// </summary>
public sealed record TopicWave(string Name, string Intent, TimeSpan Start, TimeSpan Length, int Posts, string[] English, string[] Finnish);

public static class TopicWaves
{
    public static readonly TopicWave ProductDefect = new("product defect: the AeroBlend 3000 leaks", "complaint",
        TimeSpan.FromHours(24 * 2 + 10), TimeSpan.FromHours(8), 240,
        [
            "My AeroBlend 3000 is leaking water all over the counter", "AeroBlend 3000 leaks from the base after a week, awful",
            "Second AeroBlend 3000 leaking too. The seal must be defective", "Is anyone else's AeroBlend 3000 leaking? Mine leaks every time",
            "The seal on the AeroBlend 3000 is faulty, water leaks everywhere", "AeroBlend 3000 leaking again. I want a replacement",
        ],
        ["AeroBlend 3000 vuotaa vettä pöydälle", "AeroBlend 3000 vuotaa pohjasta jo viikon jälkeen", "Toinenkin AeroBlend 3000 vuotaa, tiiviste on viallinen"]);

    public static readonly TopicWave DeliveryDelay = new("delivery delay: parcels stuck at the Vantaa hub", "complaint",
        TimeSpan.FromHours(24 * 4 + 8), TimeSpan.FromHours(12), 300,
        [
            "My parcel is stuck at the Vantaa hub for five days now", "Tracking says the parcel has been at Vantaa hub since Monday. Delivery delayed again",
            "Parcel stuck in Vantaa hub, courier never came", "Why is my parcel still stuck at the Vantaa hub?",
            "Delivery delayed again, tracking shows Vantaa hub for days",
        ],
        ["Paketti jumissa Vantaan terminaalissa jo viisi päivää", "Pakettini on ollut Vantaan terminaalissa maanantaista asti", "Paketti yhä jumissa Vantaan terminaalissa"]);

    public static readonly TopicWave Campaign = new("campaign people like: #SummerGlow", "praise",
        TimeSpan.FromHours(24 * 5 + 18), TimeSpan.FromHours(8), 200,
        [
            "Loving the SummerGlow campaign video, gorgeous!", "The SummerGlow ad made my day", "SummerGlow discount code worked, great deal",
            "That SummerGlow campaign is brilliant, well done", "Best ad of the year: SummerGlow",
        ],
        ["SummerGlow kampanja on ihana", "SummerGlow mainos on upea", "SummerGlow alekoodi toimi, mahtava diili"]);

    public static readonly IReadOnlyList<TopicWave> Week = [ProductDefect, DeliveryDelay, Campaign];

    /// <summary>The waves by the names the simulator's Wave setting takes.</summary>
    public static readonly IReadOnlyDictionary<string, TopicWave> ByName = new Dictionary<string, TopicWave>(StringComparer.OrdinalIgnoreCase)
    {
        ["defect"] = ProductDefect, ["delivery"] = DeliveryDelay, ["campaign"] = Campaign,
    };
}
