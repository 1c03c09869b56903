using Bogus;
using SocialCrm.Stages.Listen.Ingest;

namespace SocialCrm.Simulation;

/// <summary>A seeded population of customers on several platforms, and the signals they post.</summary>
public sealed class SimulatedWorld
{
    private static readonly string[] Platforms = ["x", "instagram", "facebook", "trustpilot", "linkedin"];
    private static readonly (string Intent, double Weight)[] Intents = [("complaint", 0.35), ("question", 0.25), ("request", 0.12), ("praise", 0.18), ("other", 0.10)];

    private readonly Faker _faker;
    private readonly object _lock = new();

    public SimulatedWorld(SimulationOptions options)
    {
        Randomizer.Seed = new Random(options.Seed);
        _faker = new Faker("en") { Random = new Randomizer(options.Seed) };
        // Tenure has a generator of its own, so the rest of a seeded world stays as it was before tenure existed.
        var tenure = new Random(options.Seed + 1);
        Customers = Enumerable.Range(0, options.Customers).Select(i =>
        {
            var name = _faker.Name.FullName();
            var revenue = Math.Round(_faker.Random.Double() < 0.3 ? 0 : Math.Exp(_faker.Random.Double(3, 8.5)), 2);
            var followers = (int)Math.Exp(_faker.Random.Double(1, 11));
            var trueValue = Math.Clamp(0.5 * Math.Min(1, revenue / 3000) + 0.3 * Math.Min(1, followers / 20000.0) + 0.2 * _faker.Random.Double(), 0, 1);
            return new SimulatedCustomer
            {
                Handle = $"{_faker.Internet.UserName(name.Split(' ')[0], name.Split(' ')[^1]).ToLowerInvariant()}{i}",
                Name = name,
                Platform = _faker.PickRandom(Platforms),
                Language = _faker.Random.Double() < options.FinnishShare ? "fi" : "en",
                Followers = followers,
                LifetimeRevenue = revenue,
                Consent = _faker.Random.Double() < 0.4,
                TrueValue = Math.Round(trueValue, 3),
                CustomerForDays = Math.Round(Math.Exp(tenure.NextDouble() * Math.Log(2500)), 1),
            };
        }).ToList();
        ByHandle = Customers.ToDictionary(c => (c.Platform, c.Handle));
    }

    public IReadOnlyList<SimulatedCustomer> Customers { get; }
    public IReadOnlyDictionary<(string Platform, string Handle), SimulatedCustomer> ByHandle { get; }

    public double NextDouble()
    {
        lock (_lock) return _faker.Random.Double();
    }

    /// <summary>What a repeat order is worth: mostly small, sometimes a few hundred euros.</summary>
    public double NextOrderValue()
    {
        lock (_lock) return Math.Round(Math.Exp(_faker.Random.Double(2.5, 6)), 2);
    }

    public SignalInput NextSignal(DateTimeOffset now) => NextPost(now).Signal;

    /// <summary>A post with the simulator's truth behind it: who wrote it and what they meant.</summary>
    public (SignalInput Signal, SimulatedCustomer Customer, string Intent) NextPost(DateTimeOffset now)
    {
        lock (_lock)
        {
            var customer = Customers[_faker.Random.Int(0, Customers.Count - 1)];
            var roll = _faker.Random.Double();
            var intent = Intents.First(i => (roll -= i.Weight) <= 0 || i.Intent == "other").Intent;
            return (new SignalInput
            {
                Platform = customer.Platform,
                PostId = $"sim-{_faker.Random.Guid():N}",
                Kind = customer.Platform == "trustpilot" ? "review" : _faker.Random.Double() < 0.2 ? "direct_message" : "post",
                AuthorHandle = customer.Handle,
                AuthorName = customer.Name,
                AuthorFollowers = customer.Followers,
                Text = SignalTexts.Post(_faker, intent, customer.Language),
                PostedAt = now.AddSeconds(-_faker.Random.Int(0, 30)),
                Url = $"https://{customer.Platform}.example/{customer.Handle}/status/{_faker.Random.Number(100000, 999999)}",
            }, customer, intent);
        }
    }

    /// <summary>A post of a topic wave by one of the world's customers, in their language.</summary>
    public SignalInput WavePost(TopicWave wave, DateTimeOffset now)
    {
        var post = NextPost(now).Signal;
        lock (_lock)
        {
            var customer = ByHandle[(post.Platform!, post.AuthorHandle!)];
            var texts = customer.Language == "fi" ? wave.Finnish : wave.English;
            return post with { Text = _faker.PickRandom(texts) };
        }
    }

    public SignalInput FollowUp(SimulatedCustomer customer, string inReplyTo, bool happy, DateTimeOffset now)
    {
        lock (_lock)
            return new SignalInput
            {
                Platform = customer.Platform,
                PostId = $"sim-{_faker.Random.Guid():N}",
                Kind = "comment",
                AuthorHandle = customer.Handle,
                AuthorName = customer.Name,
                AuthorFollowers = customer.Followers,
                Text = SignalTexts.FollowUp(_faker, happy, customer.Language),
                PostedAt = now,
                InReplyToPostId = inReplyTo,
            };
    }
}
