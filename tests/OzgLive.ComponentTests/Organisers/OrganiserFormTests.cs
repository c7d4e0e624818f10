using System.Linq.Expressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using OzgLive.ComponentTests.Layout;
using OzgLive.Web.Events;
using OzgLive.Web.Organisers;

namespace OzgLive.ComponentTests.Organisers;

/// <summary>The organiser forms' fields: labelled, hinted and, once refused, marked invalid and pointing at their message.</summary>
public sealed class OrganiserFormTests : PageTestContext
{
    private readonly SeriesForm model = new() { Title = "Spot on OZG", Slug = "" };

    [Fact]
    public void A_valid_field_is_labelled_and_points_only_at_its_hint()
    {
        var form = new FormState(model, "series");

        var field = RenderField(form, "Slug", () => model.Slug, hint: "Kleinbuchstaben a–z");

        var input = field.Find("input");
        Assert.Equal("series-Slug", input.Id);
        Assert.Equal("series-Slug", field.Find("label").GetAttribute("for"));
        Assert.Equal("Kurzadresse", field.Find("label").TextContent);
        Assert.Equal("series-Slug-hint", input.GetAttribute("aria-describedby"));
        Assert.Equal("Kleinbuchstaben a–z", field.Find("#series-Slug-hint").TextContent);
        Assert.Null(input.GetAttribute("aria-invalid"));
        Assert.Equal("field", field.Find("div").ClassName);
        Assert.Empty(field.FindAll(".validation-message"));
    }

    [Fact]
    public void A_field_without_hint_or_error_has_no_aria_describedby()
    {
        var form = new FormState(model, "series");

        var field = RenderField(form, "Title", () => model.Title);

        Assert.Null(field.Find("input").GetAttribute("aria-describedby"));
    }

    [Fact]
    public void A_refused_field_is_invalid_and_points_at_its_hint_and_its_message()
    {
        var form = new FormState(model, "series");
        form.Show(new FieldErrors { ["Slug"] = "Die Kurzadresse „x“ ist bereits vergeben." });

        var field = RenderField(form, "Slug", () => model.Slug, hint: "Kleinbuchstaben a–z");

        var input = field.Find("input");
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Equal("series-Slug-hint series-Slug-error", input.GetAttribute("aria-describedby"));
        var message = field.Find("#series-Slug-error");
        Assert.Equal("Die Kurzadresse „x“ ist bereits vergeben.", message.TextContent);
        Assert.Null(message.GetAttribute("lang"));
        Assert.Equal("field invalid", field.Find("div").ClassName);
    }

    [Fact]
    public void On_an_English_page_German_only_messages_say_they_are_German()
    {
        UseLanguage("en-GB");
        var form = new FormState(model, "series") { MessagesLang = "de" };
        form.Show(new FieldErrors { ["Title"] = "Bitte einen Titel angeben." });

        var field = RenderField(form, "Title", () => model.Title);

        Assert.Equal("series-Title-error", field.Find("input").GetAttribute("aria-describedby"));
        Assert.Equal("de", field.Find("#series-Title-error").GetAttribute("lang"));
    }

    [Fact]
    public void The_error_summary_heads_the_form_and_links_each_message_to_its_field()
    {
        var form = new FormState(model, "series");
        form.Show(
            new FieldErrors { ["Slug"] = "Slug-Fehler", ["Title"] = "Bitte einen Titel angeben.", [""] = "Diese Reihe gibt es nicht (mehr)." },
            SeriesForm.FieldOrder);

        var summary = Render<ErrorSummary>(p => p.Add(x => x.Form, form));

        var box = summary.Find("div.error-summary");
        Assert.Equal("alert", box.GetAttribute("role"));
        Assert.Equal("series-errors", box.Id);
        Assert.Equal("Bitte prüfen Sie Ihre Eingaben", summary.Find("h2").TextContent);
        var items = summary.FindAll("li");
        // The form's own message first, then the fields in the order they appear.
        Assert.Equal("Diese Reihe gibt es nicht (mehr).", items[0].TextContent.Trim());
        Assert.Empty(items[0].QuerySelectorAll("a"));
        Assert.Equal("#series-Title", items[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("#series-Slug", items[2].QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void The_error_summary_in_English_marks_German_messages()
    {
        UseLanguage("en-GB");
        var form = new FormState(model, "series") { MessagesLang = "de" };
        form.Show(new FieldErrors { ["Title"] = "Bitte einen Titel angeben." });

        var summary = Render<ErrorSummary>(p => p.Add(x => x.Form, form));

        Assert.Equal("Please check your input", summary.Find("h2").TextContent);
        Assert.Equal("de", summary.Find("ul").GetAttribute("lang"));
    }

    [Fact]
    public void Without_errors_there_is_no_summary()
    {
        var summary = Render<ErrorSummary>(p => p.Add(x => x.Form, new FormState(model, "series")));

        Assert.Empty(summary.Markup.Trim());
    }

    [Theory]
    [InlineData("de-DE", "", "E", "kurz", "Bitte eine E-Mail-Adresse angeben.", "Der Name muss mindestens 2 Zeichen lang sein.", "Das Passwort muss mindestens 12 Zeichen lang sein.")]
    [InlineData("en-GB", "keine-adresse", "", "kurz", "Please enter a valid e-mail address, e.g. name@example.org.", "Please enter a name.", "The password must be at least 12 characters long.")]
    public void A_new_moderator_accounts_messages_are_in_the_pages_language(
        string language, string email, string name, string password, string emailMessage, string nameMessage, string passwordMessage)
    {
        UseLanguage(language);
        var texts = Services.GetRequiredService<IStringLocalizer<OrganiserTexts>>();

        var errors = new ModeratorAccountForm { Email = email, DisplayName = name, Password = password }.Validate(texts);

        Assert.Equal(emailMessage, errors["Email"]);
        Assert.Equal(nameMessage, errors["DisplayName"]);
        Assert.Equal(passwordMessage, errors["Password"]);
    }

    [Fact]
    public void Every_notice_code_the_pages_send_has_a_text_and_unknown_codes_show_nothing()
    {
        var texts = Services.GetRequiredService<IStringLocalizer<OrganiserTexts>>();
        string[] codes =
        [
            "block-gespeichert", "block-geloescht", "block-verschoben", "moderation-zugewiesen", "moderation-entfernt", "konto-angelegt",
            "uhr-startevent", "uhr-nextblock", "uhr-startblock", "uhr-extendblock", "uhr-pauseblock", "uhr-resumeblock", "uhr-endblock",
            "uhr-endevent", "uhr-auto-an", "uhr-auto-aus",
        ];

        foreach (var code in codes)
        {
            var text = texts[OrganiserNotices.Key(code)!, ClockControls.ExtendMinutes];
            Assert.False(text.ResourceNotFound, code);
        }

        Assert.Equal("Der Block wurde um 5 Minuten verlängert.", texts[OrganiserNotices.Key("uhr-extendblock")!, ClockControls.ExtendMinutes]);
        Assert.Null(OrganiserNotices.Key("<b>Hallo</b>"));
        Assert.Null(OrganiserNotices.Key(null));
    }

    private IRenderedComponent<TextField> RenderField(FormState form, string path, Expression<Func<string?>> value, string? hint = null) =>
        Render<TextField>(p => p
            .AddCascadingValue(form.Context)
            .Add(x => x.Form, form)
            .Add(x => x.Path, path)
            .Add(x => x.Label, path == "Slug" ? "Kurzadresse" : "Titel")
            .Add(x => x.Hint, hint)
            .Add(x => x.Value, value.Compile()())
            .Add(x => x.ValueExpression, value));
}
