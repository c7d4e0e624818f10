using OzgLive.ComponentTests.Layout;
using OzgLive.Web.Channels;

namespace OzgLive.ComponentTests.Channels;

/// <summary>The join QR code and the "Code eingeben" field, as the slide, the overlay and the start page use them.</summary>
public sealed class JoinComponentsTests : PageTestContext
{
    private const string Url = "https://live.example.de/j/ABC234";

    [Fact]
    public void The_QR_code_is_an_inline_SVG_named_for_screen_readers_with_the_link_and_code_beneath()
    {
        var qr = Render<JoinQrCode>(p => p.Add(x => x.Url, Url).Add(x => x.Code, "ABC234"));

        var image = qr.Find(".join-qr-image");
        Assert.Equal("img", image.GetAttribute("role"));
        Assert.Equal("QR-Code zur Teilnahme: https://live.example.de/j/ABC234", image.GetAttribute("aria-label"));
        using var expected = JoinQr.Encode(Url);
        Assert.Equal($"0 0 {expected.ModuleMatrix.Count} {expected.ModuleMatrix.Count}", qr.Find("svg").GetAttribute("viewBox"));
        Assert.Equal("live.example.de/j/ABC234", qr.Find(".join-qr-url").TextContent);
        Assert.Equal("Code: ABC 234", qr.Find(".join-qr-code").TextContent.Trim());
    }

    [Fact]
    public void Without_caption_only_the_code_image_is_shown_and_English_names_it_in_English()
    {
        UseLanguage("en-GB");
        var qr = Render<JoinQrCode>(p => p.Add(x => x.Url, Url).Add(x => x.Code, "ABC234").Add(x => x.ShowCaption, false));

        Assert.Empty(qr.FindAll("figcaption"));
        Assert.Equal("QR code to take part: https://live.example.de/j/ABC234", qr.Find(".join-qr-image").GetAttribute("aria-label"));
    }

    [Fact]
    public void The_code_field_is_a_labelled_GET_form_to_j_that_keeps_what_was_typed()
    {
        var form = Render<JoinCodeForm>(p => p.Add(x => x.Value, "abc 23").Add(x => x.DescribedBy, "join-error"));

        Assert.Equal("/j", form.Find("form").GetAttribute("action"));
        Assert.Equal("get", form.Find("form").GetAttribute("method"));
        var input = form.Find("input[name='code']");
        Assert.Equal("Code eingeben", form.Find($"label[for='{input.Id}']").TextContent);
        Assert.Equal("abc 23", input.GetAttribute("value"));
        Assert.Equal("join-code-hint join-error", input.GetAttribute("aria-describedby"));
        Assert.Equal("Teilnehmen", form.Find("button[type='submit']").TextContent);
    }
}
