using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OzgLive.Web.Viewer;
using static OzgLive.ComponentTests.Viewer.ViewerSamples;

namespace OzgLive.ComponentTests.Viewer;

public sealed class MyQuestionsAndEmbedLayoutTests : BunitContext
{
    public MyQuestionsAndEmbedLayoutTests() => Services.AddLocalization();

    [Fact]
    public void My_questions_start_hidden_with_a_template_that_can_withdraw()
    {
        using var culture = new Culture(German);
        var mine = Render<MyQuestions>();

        Assert.True(mine.Find("#mine").HasAttribute("hidden"));
        Assert.Equal("Meine Fragen", mine.Find("#mine-heading").TextContent);
        Assert.Empty(mine.FindAll("#my-questions > li"));
        var template = ((AngleSharp.Html.Dom.IHtmlTemplateElement)mine.Find("template#my-question-template")).Content;
        Assert.Equal("Frage zurückziehen", template.QuerySelector("li [data-action='withdraw']")!.TextContent);
        Assert.NotNull(template.QuerySelector("[data-field='status']"));
        // A waiting question is the author's alone: nothing to vote with here.
        Assert.Null(template.QuerySelector("[data-action='vote']"));
    }

    [Fact]
    public void In_English_my_questions_are_English()
    {
        using var culture = new Culture(English);
        var mine = Render<MyQuestions>();

        Assert.Equal("My questions", mine.Find("#mine-heading").TextContent);
        Assert.Equal("Withdraw question", ((AngleSharp.Html.Dom.IHtmlTemplateElement)mine.Find("template")).Content.QuerySelector("button")!.TextContent);
    }

    [Fact]
    public void The_embed_layout_has_the_content_and_none_of_the_sites_chrome()
    {
        var layout = Render<EmbedLayout>(p => p.Add(x => x.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id=\"inner\">Inhalt</p>"))));

        Assert.Equal("Inhalt", layout.Find("main#main #inner").TextContent);
        Assert.Empty(layout.FindAll("header, footer, nav, .skip-link"));
    }
}
