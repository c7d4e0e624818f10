namespace OzgLive.Tests.Infrastructure;

/// <summary>
/// The live fixture for the question tests: its own names, and limits high enough that tests sharing
/// the app and its frozen minute never hit them; the limit tests start their own app with the defaults.
/// </summary>
public sealed class QuestionFixture : LiveFixture
{
    /// <summary>All clients come from 127.0.0.1 and the fake clock stands still: without this every class would share one minute's budget.</summary>
    public static readonly IReadOnlyDictionary<string, string?> GenerousLimits = new Dictionary<string, string?>
    {
        ["Questions:QuestionsPerViewerPerMinute"] = "100000",
        ["Questions:VotesPerViewerPerMinute"] = "100000",
        ["Questions:QuestionsPerAddressPerMinute"] = "100000",
        ["Questions:VotesPerAddressPerMinute"] = "100000",
        ["Questions:NewViewersPerAddressPerMinute"] = "100000",
    };

    private static readonly FixtureNames Names = new("Testreihe Fragen", "testreihe-fragen", "fragen-", "Spot on OZG Fragerunde", "Eine Sendung für die Fragen-Tests.");

    public QuestionFixture()
        : this(GenerousLimits)
    {
    }

    private QuestionFixture(IReadOnlyDictionary<string, string?> settings)
        : base(Names, settings)
    {
    }

    /// <summary>A fixture of its own for one test, with these settings (none: the app's defaults).</summary>
    public static async Task<QuestionFixture> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var fixture = new QuestionFixture(settings ?? new Dictionary<string, string?>());
        await fixture.InitializeAsync();
        return fixture;
    }
}
