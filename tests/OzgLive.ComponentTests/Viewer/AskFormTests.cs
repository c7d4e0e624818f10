using Microsoft.Extensions.DependencyInjection;
using OzgLive.Web.Questions;
using OzgLive.Web.Viewer;
using static OzgLive.ComponentTests.Viewer.ViewerSamples;

namespace OzgLive.ComponentTests.Viewer;

public sealed class AskFormTests : BunitContext
{
    public AskFormTests() => Services.AddLocalization();

    [Fact]
    public void Open_questions_render_a_labelled_form_that_the_script_enables()
    {
        using var culture = new Culture(German);
        var form = Render<AskForm>(p => p.Add(x => x.Availability, AskAvailability.Open));

        Assert.Equal("", form.Find("#ask-state").TextContent);
        Assert.Equal("open", form.Find("#ask-form").GetAttribute("data-availability"));
        // Sending needs the script; without it the fields stay disabled and the page says why.
        Assert.True(form.Find("#ask-fields").HasAttribute("disabled"));
        Assert.Contains("Zum Senden von Fragen wird JavaScript benötigt.", form.Find("#ask-form noscript").InnerHtml);
        Assert.Equal("Frage", form.Find("label[for='ask-text']").TextContent);
        Assert.Equal("Name (freiwillig)", form.Find("label[for='ask-name']").TextContent);
        Assert.Equal("Organisation (freiwillig)", form.Find("label[for='ask-organisation']").TextContent);
        Assert.Equal("ask-text-hint ask-counter", form.Find("#ask-text").GetAttribute("aria-describedby"));
        Assert.Equal("Noch 500 Zeichen", form.Find("#ask-counter").TextContent);
        Assert.Equal("500", form.Find("#ask-text").GetAttribute("data-max"));
        Assert.Equal("40", form.Find("#ask-name").GetAttribute("maxlength"));
        Assert.Equal("alert", form.Find("#ask-error").GetAttribute("role"));
        Assert.Equal("status", form.Find("#ask-done").GetAttribute("role"));
        Assert.Equal("Frage senden", form.Find("button[type='submit']").TextContent);
    }

    [Theory]
    [InlineData(AskAvailability.Paused, "paused", "Fragen sind gerade pausiert. Bitte versuchen Sie es in Kürze noch einmal – was Sie geschrieben haben, bleibt erhalten.")]
    [InlineData(AskAvailability.Closed, "closed", "Für diese Veranstaltung werden keine Fragen mehr angenommen.")]
    [InlineData(AskAvailability.BlockClosed, "blockClosed", "Für den laufenden Block werden gerade keine Fragen angenommen.")]
    [InlineData(AskAvailability.Ended, "ended", "Die Veranstaltung ist beendet: Es werden keine Fragen mehr angenommen.")]
    public void Closed_or_paused_questions_say_why_above_the_form(AskAvailability availability, string name, string message)
    {
        using var culture = new Culture(German);
        var form = Render<AskForm>(p => p.Add(x => x.Availability, availability));

        Assert.Equal(message, form.Find("#ask-state").TextContent);
        Assert.Equal("status", form.Find("#ask-state").GetAttribute("role"));
        Assert.Equal(name, form.Find("#ask-form").GetAttribute("data-availability"));
        Assert.True(form.Find("#ask-fields").HasAttribute("disabled"));
    }

    [Fact]
    public void In_English_the_form_is_English()
    {
        using var culture = new Culture(English);
        var form = Render<AskForm>(p => p.Add(x => x.Availability, AskAvailability.Paused));

        Assert.Equal("Your question", form.Find("#ask-heading").TextContent);
        Assert.Equal("Question", form.Find("label[for='ask-text']").TextContent);
        Assert.Equal("500 characters left", form.Find("#ask-counter").TextContent);
        Assert.Equal("Send question", form.Find("button[type='submit']").TextContent);
        Assert.StartsWith("Questions are paused for the moment.", form.Find("#ask-state").TextContent);
    }

    [Fact]
    public void Availability_follows_the_server_rules_for_asking()
    {
        Assert.Equal(AskAvailability.Open, AskAvailabilities.Of(Event(), NotStarted(), Settings()));
        Assert.Equal(AskAvailability.Paused, AskAvailabilities.Of(Event(), NotStarted(), Settings(QuestionsState.Paused)));
        Assert.Equal(AskAvailability.Closed, AskAvailabilities.Of(Event(), NotStarted(), Settings(QuestionsState.Closed)));
        Assert.Equal(AskAvailability.Closed, AskAvailabilities.Of(Event(status: "draft"), NotStarted(), Settings()));
        Assert.Equal(AskAvailability.Ended, AskAvailabilities.Of(Event(status: "ended"), Ended(), Settings()));
        Assert.Equal(AskAvailability.Ended, AskAvailabilities.Of(Event(status: "published"), NotStarted(), Settings()));
        // A closed block matters only while it runs: questions then go to it.
        Assert.Equal(AskAvailability.BlockClosed, AskAvailabilities.Of(Event(status: "live"), Running(2, TimeSpan.FromMinutes(5)), Settings(block2: QuestionsState.Closed)));
        Assert.Equal(AskAvailability.Open, AskAvailabilities.Of(Event(status: "live"), Running(1, TimeSpan.FromMinutes(5)), Settings(block2: QuestionsState.Closed)));
    }
}
