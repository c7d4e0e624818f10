using Microsoft.Extensions.Logging;
using OzgLive.Tests.Accounts;
using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Questions;
using OzgLive.Web.Security;

namespace OzgLive.Tests.Security;

/// <summary>
/// Finding 5 (ASVS 16.3.1-16.3.3, 16.2.5): security events are logged once each, at warning level,
/// without stack traces and without personal data. The tests read the log as an operator would.
/// </summary>
public sealed class SecurityLogTests
{
    [Fact]
    public async Task Failed_sign_ins_and_lock_outs_are_logged_by_account_id_and_address_without_e_mail_or_password()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false, extra: new Dictionary<string, string?>
        {
            ["Accounts:MaxFailedSignIns"] = "3",
        });
        for (var i = 0; i < 3; i++)
        {
            await SignInForm.SubmitAsync(app, TestApp.OrganiserEmail, "Falsches-Passwort-" + i);
        }

        await SignInForm.SubmitAsync(app, "niemand@test.local", "Geheimes-Passwort-X");

        var security = app.Log.Lines.Where(l => l.Category == SecurityLog.Category).ToList();
        Assert.Equal(3, security.Count(l => l.Message.StartsWith("Failed sign-in for account account:", StringComparison.Ordinal) && l.Message.EndsWith("from 127.0.0.1", StringComparison.Ordinal)));
        Assert.Single(security, l => l.Message == "Failed sign-in for account unknown from 127.0.0.1");
        Assert.Single(security, l => l.Message.StartsWith("Account account:", StringComparison.Ordinal) && l.Message.Contains("locked out", StringComparison.Ordinal));
        Assert.All(security, l => Assert.Equal(LogLevel.Warning, l.Level));
        Assert.All(security, l => Assert.Null(l.Exception));
        var text = app.Log.Text;
        Assert.DoesNotContain(TestApp.OrganiserEmail, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("niemand@test.local", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Passwort", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flood_of_refused_hub_calls_logs_one_warning_each_without_stack_traces_or_question_text()
    {
        const string Secret = "Streng vertrauliche Frage von Frau Mustermann";
        await using var fixture = await QuestionFixture.StartAsync();
        var ev = await fixture.CreateEventAsync();
        await using var viewer = await fixture.ViewerAsync(ev, "flood");

        for (var i = 0; i < 20; i++)
        {
            await QuestionCalls.RefusedAsync(() => viewer.InvokeAsync("StartEvent", ev.Id, 0L));
        }

        for (var i = 0; i < 12; i++)
        {
            try
            {
                await viewer.AskAsync(ev.Id, $"{Secret} {i}", displayName: "Erika Mustermann");
            }
            catch (HubCallException)
            {
                // Refused once the viewer's limit is reached: that is the point.
            }
        }

        var lines = fixture.App.Log.Lines;
        Assert.Equal(20, lines.Count(l => l.Category == SecurityLog.Category && l.Message.StartsWith("Refused hub call StartEvent", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.Category == SecurityLog.Category && l.Message.StartsWith("Rate limit question", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Level >= LogLevel.Error);
        Assert.DoesNotContain(lines, l => l.Exception is not null);
        Assert.DoesNotContain("Mustermann", fixture.App.Log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("vertraulich", fixture.App.Log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_foreign_origin_is_logged_once_at_warning_level()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false);

        await Assert.ThrowsAnyAsync<Exception>(() => HubTestClient.ConnectAsync(new Uri(app.BaseAddress, OzgLive.Web.Live.LiveHub.Path), origin: "https://boese.example"));

        var line = Assert.Single(app.Log.Lines, l => l.Category == SecurityLog.Category);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains("foreign origin", line.Message, StringComparison.Ordinal);
    }
}
