using System.Text.RegularExpressions;

namespace OzgLive.Tests.Hosting;

/// <summary>
/// Docker cannot run here, so compose.yaml is never started by the tests (the failover test starts the
/// same published build as node processes instead). What they can hold it to: two app nodes of the
/// Dockerfile's image behind the proxy, with PostgreSQL and Redis, and only settings the README documents,
/// so a renamed setting cannot leave the compose file quietly running on a default.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string Compose = File.ReadAllText(Path.Combine(Repo.Root, "compose.yaml"));
    private static readonly string Readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));

    [Fact]
    public void Two_nodes_of_the_dockerfiles_image_run_behind_a_websocket_proxy_with_postgres_and_redis()
    {
        foreach (var service in new[] { "node-a", "node-b", "proxy", "postgres", "redis" })
        {
            Assert.Matches($@"(?m)^  {service}:\s*$", Compose);
        }

        Assert.Matches(@"(?m)^  build: \.\s*$", Compose);
        Assert.Contains("server node-a:8080", Compose);
        Assert.Contains("server node-b:8080", Compose);
        Assert.Contains("proxy_set_header Upgrade $$http_upgrade;", Compose);
    }

    [Fact]
    public void Every_setting_the_nodes_get_is_one_the_readme_documents()
    {
        var block = Compose[Compose.IndexOf("environment: &node-env", StringComparison.Ordinal)..Compose.IndexOf("\nservices:", StringComparison.Ordinal)];
        var settings = Regex.Matches(block, @"(?m)^    ([A-Za-z]+(?:__[A-Za-z0-9]+)+):")
            .Select(m => m.Groups[1].Value)
            .ToList();

        Assert.Contains("ConnectionStrings__OzgLive", settings);
        Assert.Contains("Redis__Configuration", settings);
        foreach (var setting in settings)
        {
            // The README names a setting as `Section:Key`, an array's first entry as `:0`, and a sibling
            // of the row's first setting as `:Key` (`Accounts:InitialOrganiser:Email` / `:Password`).
            var name = setting.Replace("__", ":", StringComparison.Ordinal);
            var last = name[name.LastIndexOf(':')..];
            var sibling = Readme.Contains($"`{name[..name.LastIndexOf(':')]}:", StringComparison.Ordinal)
                && Readme.Contains($"`{last}`", StringComparison.Ordinal);
            Assert.True(Readme.Contains($"`{name}", StringComparison.Ordinal) || sibling, $"README does not document {name}");
        }
    }
}
