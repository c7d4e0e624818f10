using System.Collections;
using System.Globalization;
using System.Resources;
using OzgLive.Web.Components.Pages;
using OzgLive.Web.Localization;
using OzgLive.Web.Organisers;

namespace OzgLive.ComponentTests.Layout;

/// <summary>Every German text has its English one and the other way round, so no page falls back mid-sentence.</summary>
public sealed class ResourceFileTests
{
    public static TheoryData<string> Texts => new()
    {
        typeof(Strings).FullName!,
        typeof(OrganiserTexts).FullName!,
        typeof(AccessibilityStatementTexts).FullName!,
        typeof(OzgLive.Web.Channels.ChannelTexts).FullName!,
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void German_and_English_have_the_same_keys_and_no_empty_text(string baseName)
    {
        var resources = new ResourceManager(baseName, typeof(Strings).Assembly);
        var german = Read(resources, CultureInfo.InvariantCulture);
        var english = Read(resources, CultureInfo.GetCultureInfo("en"));

        Assert.NotEmpty(german);
        Assert.Equal(german.Keys.Order(StringComparer.Ordinal), english.Keys.Order(StringComparer.Ordinal));
        // Only a separator or a suffix may be empty in one language (" Uhr" has no English counterpart).
        Assert.All(german, t => Assert.False(t.Value.Length == 0 && english[t.Key].Length == 0, $"{t.Key} is empty in both languages."));
        // Placeholders match: a translation must not drop or invent a {0}.
        Assert.All(german, t => Assert.Equal(Placeholders(t.Value), Placeholders(english[t.Key])));
    }

    private static Dictionary<string, string> Read(ResourceManager resources, CultureInfo culture)
    {
        var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No resources for '{culture.Name}'.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    private static List<string> Placeholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Distinct().Order(StringComparer.Ordinal).ToList();
}
