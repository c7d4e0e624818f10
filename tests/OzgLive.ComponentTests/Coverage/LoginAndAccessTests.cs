using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OzgLive.ComponentTests.Layout;
using OzgLive.Web.Accounts;
using OzgLive.Web.Components;
using OzgLive.Web.Organisers;

namespace OzgLive.ComponentTests.Coverage;

/// <summary>The sign-in page over a real accounts table: empty, refused, locked out, in German and English.</summary>
public sealed class LoginTests : AppPageContext
{
    private readonly DefaultHttpContext request = Request();

    public LoginTests() => CreateAccountAsync("orga@example.org", "Olga Organisation", AccountRoles.Organiser).GetAwaiter().GetResult();

    [Fact]
    public void The_empty_form_asks_for_address_and_password_without_an_error()
    {
        var page = Render<Login>(p => p.AddCascadingValue(request));

        Assert.Equal("Anmelden", page.Find("h1").TextContent);
        Assert.Equal("Für Organisation und Moderation. Zuschauende brauchen kein Konto.", page.Find("h1 + p").TextContent);
        Assert.Equal("E-Mail-Adresse", page.Find("label[for=email]").TextContent);
        Assert.Equal("Passwort", page.Find("label[for=password]").TextContent);
        Assert.Equal("email", page.Find("#email").GetAttribute("type"));
        Assert.Equal("username", page.Find("#email").GetAttribute("autocomplete"));
        Assert.Equal("password", page.Find("#password").GetAttribute("type"));
        Assert.Equal("current-password", page.Find("#password").GetAttribute("autocomplete"));
        Assert.Equal("post", page.Find("form").GetAttribute("method"));
        Assert.Equal("Anmelden", page.Find("button[type=submit]").TextContent);
        Assert.Empty(page.FindAll("#login-error"));
        Assert.Null(page.Find("#email").GetAttribute("aria-describedby"));
    }

    [Fact]
    public async Task A_wrong_password_shows_the_error_keeps_the_address_drops_the_password_and_answers_400()
    {
        var page = Render<Login>(p => p.AddCascadingValue(request));

        page.Find("#email").Change("orga@example.org");
        page.Find("#password").Change("falsches-passwort");
        await page.Find("form").SubmitAsync();

        Assert.Equal(StatusCodes.Status400BadRequest, request.Response.StatusCode);
        var error = page.Find("#login-error");
        Assert.Equal("E-Mail-Adresse oder Passwort ist falsch.", error.TextContent);
        Assert.Equal("alert", error.GetAttribute("role"));
        Assert.Equal("login-error", page.Find("#email").GetAttribute("aria-describedby"));
        Assert.Equal("login-error", page.Find("#password").GetAttribute("aria-describedby"));
        Assert.Equal("orga@example.org", page.Find("#email").GetAttribute("value"));
        Assert.Equal("", page.Find("#password").GetAttribute("value") ?? "");
        // Not signed in: nothing navigated away.
        Assert.Equal("http://localhost/", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task Too_many_wrong_passwords_lock_the_account_and_say_for_how_long()
    {
        var page = Render<Login>(p => p.AddCascadingValue(request));

        for (var i = 0; i < new AccountOptions().MaxFailedSignIns; i++)
        {
            page.Find("#email").Change("orga@example.org");
            page.Find("#password").Change("falsches-passwort");
            await page.Find("form").SubmitAsync();
        }

        Assert.Equal(StatusCodes.Status429TooManyRequests, request.Response.StatusCode);
        Assert.Equal(
            "Zu viele fehlgeschlagene Versuche: Das Konto ist vorübergehend gesperrt. Bitte versuchen Sie es in 15 Minuten erneut.",
            page.Find("#login-error").TextContent);
    }

    [Fact]
    public async Task The_form_and_its_error_in_English()
    {
        UseLanguage("en-GB");
        var page = Render<Login>(p => p.AddCascadingValue(request));

        Assert.Equal("Sign in", page.Find("h1").TextContent);
        Assert.Equal("E-mail address", page.Find("label[for=email]").TextContent);
        Assert.Equal("Password", page.Find("label[for=password]").TextContent);

        page.Find("#email").Change("niemand@example.org");
        page.Find("#password").Change("irgendein-passwort");
        await page.Find("form").SubmitAsync();

        Assert.Equal("The e-mail address or the password is wrong.", page.Find("#login-error").TextContent);
    }

    // A successful sign-in is not rendered here: it calls HttpContext.SignInAsync, which needs the
    // real authentication pipeline; tests/OzgLive.Tests signs in through the real form on Kestrel.
}

/// <summary>The small shared pieces and the organisers' access-denied page and layout.</summary>
public sealed class SharedComponentsTests : PageTestContext
{
    [Fact]
    public void The_access_denied_page_explains_and_answers_403()
    {
        var request = new DefaultHttpContext();

        var page = Render<AccessDenied>(p => p.AddCascadingValue<HttpContext>(request));

        Assert.Equal(StatusCodes.Status403Forbidden, request.Response.StatusCode);
        Assert.Equal("Kein Zugriff", page.Find("h1").TextContent);
        Assert.Equal("Diese Seite ist der Organisation vorbehalten. Ihr Konto hat dafür keine Berechtigung.", page.Find("h1 + p").TextContent);
        var last = page.FindAll("p")[1];
        Assert.Equal(
            "Wenn Sie eine Veranstaltung moderieren, finden Sie sie in der Übersicht der Veranstaltungen. "
            + "Sie brauchen ein Organisationskonto? Bitte wenden Sie sich an die Organisation Ihrer Veranstaltung.",
            last.TextContent);
        Assert.Equal("/", last.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Übersicht der Veranstaltungen", last.QuerySelector("a")!.TextContent);
    }

    [Fact]
    public void The_access_denied_page_in_English_keeps_the_link_where_the_sentence_puts_it()
    {
        UseLanguage("en-GB");

        var page = Render<AccessDenied>();

        Assert.Equal("No access", page.Find("h1").TextContent);
        Assert.StartsWith("If you moderate an event, you will find it in the list of events.", page.FindAll("p")[1].TextContent);
        Assert.Equal("list of events", page.Find("a").TextContent);
    }

    [Fact]
    public void The_organisation_layout_puts_its_navigation_before_the_page()
    {
        var layout = Render<OrganisationLayout>(p => p.Add(x => x.Body, b => b.AddMarkupContent(0, "<h1 id=\"page\">Seite</h1>")));

        var nav = layout.Find("div.organisation > nav.organisation-nav");
        Assert.Equal("Organisation", nav.GetAttribute("aria-label"));
        Assert.Equal(
            [("/organisation", "Übersicht"), ("/organisation/series/neu", "Neue Reihe"), ("/organisation/veranstaltungen/neu", "Neue Veranstaltung")],
            nav.QuerySelectorAll("a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToArray());
        Assert.Equal("Seite", layout.Find("div.organisation > nav + #page").TextContent);
    }

    [Fact]
    public void The_organisation_layout_in_English()
    {
        UseLanguage("en-GB");

        var layout = Render<OrganisationLayout>(p => p.Add(x => x.Body, b => b.AddMarkupContent(0, "")));

        Assert.Equal(["Overview", "New series", "New event"], layout.FindAll("nav a").Select(a => a.TextContent).ToArray());
    }

    [Fact]
    public void A_notice_box_with_text_is_a_status_message()
    {
        var box = Render<NoticeBox>(p => p.Add(x => x.Text, "Die Änderungen wurden gespeichert."));

        var notice = box.Find("p.notice");
        Assert.Equal("status", notice.GetAttribute("role"));
        Assert.Equal("Die Änderungen wurden gespeichert.", notice.TextContent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_notice_box_without_text_renders_nothing(string? text)
    {
        var box = Render<NoticeBox>(p => p.Add(x => x.Text, text));

        Assert.Empty(box.FindAll("p"));
        Assert.Equal("", box.Markup.Trim());
    }

    [Theory]
    [InlineData("Zur {0}.", "Zur ", ".")]
    [InlineData("{0} öffnen", "", " öffnen")]
    [InlineData("Bitte zuerst {0}", "Bitte zuerst ", "")]
    public void Text_with_link_puts_the_link_where_the_sentence_has_its_placeholder(string format, string before, string after)
    {
        var sentence = Render<TextWithLink>(p => p
            .Add(x => x.Format, format)
            .Add(x => x.Href, "/organisation")
            .Add(x => x.Text, "Übersicht")
            .AddUnmatched("id", "the-link")
            .AddUnmatched("class", "inline"));

        var link = sentence.Find("a");
        Assert.Equal("/organisation", link.GetAttribute("href"));
        Assert.Equal("Übersicht", link.TextContent);
        Assert.Equal("the-link", link.Id);
        Assert.Equal("inline", link.ClassName);
        Assert.Equal(before + "Übersicht" + after, sentence.Nodes.Select(n => n.TextContent).Aggregate("", string.Concat));
    }

    [Fact]
    public void Text_with_link_escapes_the_sentence_instead_of_rendering_it_as_markup()
    {
        var sentence = Render<TextWithLink>(p => p.Add(x => x.Format, "<b>{0}</b>").Add(x => x.Href, "/").Add(x => x.Text, "<i>x</i>"));

        Assert.Empty(sentence.FindAll("b, i"));
        Assert.Equal("<b><i>x</i></b>", sentence.Nodes.Select(n => n.TextContent).Aggregate("", string.Concat));
    }

    [Fact]
    public void Redirect_to_login_sends_the_browser_to_the_login_page_with_the_page_to_return_to()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/organisation/veranstaltungen/3?hinweis=uhr-endblock");
        var navigations = Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>().History;

        Render<RedirectToLogin>();

        var last = navigations.First();
        Assert.Equal("login?returnUrl=%2Forganisation%2Fveranstaltungen%2F3%3Fhinweis%3Duhr-endblock", last.Uri);
        Assert.True(last.Options.ForceLoad);
        Assert.Equal("http://localhost/login?returnUrl=%2Forganisation%2Fveranstaltungen%2F3%3Fhinweis%3Duhr-endblock", navigation.Uri);
    }
}
