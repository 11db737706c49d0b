using System.Text.Json;

using Backscatter.Ingest.Cli;
using Backscatter.Testing;

namespace Backscatter.Ingest.Tests.Cli;

/// <summary><c>classify [--tenant FILE] PATH...</c>: JSON Lines on stdout, a summary on stderr.</summary>
public sealed class Running_the_classify_verb
{
    private static string Bsd => SharedCorpus.PathOf("sisimai/maildir/bsd");

    private static async Task<(int Exit, string[] Lines, string Errors)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await ClassifyCommand.RunAsync(args, stdout, stderr);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (exit, lines, stderr.ToString());
    }

    [Fact]
    public async Task Writes_one_json_object_per_message_with_the_documented_fields()
    {
        var (exit, lines, _) = await RunAsync(Path.Combine(Bsd, "lhost-postfix-02.eml"), Path.Combine(Bsd, "rfc3834-01.eml"));

        Assert.Equal(0, exit);
        Assert.Equal(2, lines.Length);
        using var bounce = JsonDocument.Parse(lines[0]);
        var root = bounce.RootElement;
        Assert.EndsWith("lhost-postfix-02.eml", root.GetProperty("file").GetString(), StringComparison.Ordinal);
        Assert.Equal("DeliveryStatusNotification", root.GetProperty("kind").GetString());
        var recipient = root.GetProperty("recipients")[0];
        foreach (var field in (string[])["address", "action", "status", "replyCode", "reason", "hardBounce", "feedbackType"])
        {
            Assert.True(recipient.TryGetProperty(field, out _), $"recipient field {field}");
        }

        Assert.Equal("userunknown", recipient.GetProperty("reason").GetString());
        foreach (var field in (string[])["bouncedTo", "reportingMta", "mtaSoftware", "original"])
        {
            Assert.True(root.TryGetProperty(field, out _), $"field {field}");
        }

        var original = root.GetProperty("original");
        foreach (var field in (string[])["from", "envelopeSender", "to", "subject", "messageId", "received", "dkimDomains"])
        {
            Assert.True(original.TryGetProperty(field, out _), $"original field {field}");
        }

        Assert.Equal("postfix", root.GetProperty("mtaSoftware").GetString());

        using var autoReply = JsonDocument.Parse(lines[1]);
        Assert.Equal("AutoReply", autoReply.RootElement.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Reads_directories_recursively_and_summarises_on_stderr()
    {
        var (exit, lines, errors) = await RunAsync(SharedCorpus.PathOf("sisimai/maildir/not"));

        Assert.Equal(0, exit);
        Assert.Equal(Directory.GetFiles(SharedCorpus.PathOf("sisimai/maildir/not"), "*", SearchOption.AllDirectories).Length, lines.Length);
        Assert.Contains($"messages: {lines.Length}", errors, StringComparison.Ordinal);
        Assert.Contains("by kind: ", errors, StringComparison.Ordinal);
        Assert.Contains("errors: 0", errors, StringComparison.Ordinal);
        Assert.Contains("messages/second: ", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adds_verdict_evidence_and_reflector_with_a_tenant_file()
    {
        var tenant = Path.Combine(Path.GetTempPath(), $"tenant-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(tenant, """
            {
              "domains": ["tenant.example"],
              // comments are allowed, so are trailing commas
              "outboundRelays": ["smtp.tenant.example", "198.18.0.0/15"],
              "authorisedSendingIps": ["198.18.0.0/15"],
              "trustedInboundHosts": ["mx1.tenant.example"],
              "batvKeys": [{ "number": 0, "secret": "s3cret" }],
              "senderPatterns": ["*@tenant.example"],
            }
            """);
        try
        {
            var (exit, lines, _) = await RunAsync("--tenant", tenant, Path.Combine(Bsd, "lhost-postfix-02.eml"));

            Assert.Equal(0, exit);
            using var json = JsonDocument.Parse(Assert.Single(lines));
            var root = json.RootElement;
            Assert.Contains(root.GetProperty("verdict").GetString(), new[] { "backscatter", "legitimate", "undetermined" });
            Assert.True(root.GetProperty("confidence").GetDouble() >= 0);
            var evidence = root.GetProperty("evidence").EnumerateArray().ToArray();
            Assert.NotEmpty(evidence);
            Assert.All(evidence, e =>
            {
                Assert.False(string.IsNullOrEmpty(e.GetProperty("code").GetString()));
                Assert.False(string.IsNullOrEmpty(e.GetProperty("text").GetString()));
                Assert.Equal(JsonValueKind.Number, e.GetProperty("weight").ValueKind);
            });
            Assert.True(root.TryGetProperty("reflector", out _));
        }
        finally
        {
            File.Delete(tenant);
        }
    }

    [Theory]
    [InlineData("{ not json", "not a tenant configuration")]
    [InlineData("""{ "authorisedSendingIps": ["300.1.2.3"] }""", "authorisedSendingIps: '300.1.2.3'")]
    [InlineData("""{ "outboundRelays": ["smtp..tenant.example"] }""", "outboundRelays: ")]
    [InlineData("""{ "verpPatterns": ["*@tenant.example"] }""", "verpPatterns: '*@tenant.example' matches every address")]
    [InlineData("""{ "dkimSelectors": ["s1._domainkey.tenant.example"] }""", "dkimSelectors: Enter only the selector")]
    [InlineData("""{ "senderPatterns": ["news"] }""", "senderPatterns: 'news' is not a sender pattern")]
    [InlineData("""{ "domains": ["tenant"] }""", "domains: ")]
    [InlineData("""{ "batvKeys": [{ "number": 12, "secret": "x" }] }""", "number from 0 to 9")]
    public async Task Refuses_a_tenant_file_it_cannot_use_and_says_why(string content, string expected)
    {
        var tenant = Path.Combine(Path.GetTempPath(), $"tenant-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(tenant, content);
        try
        {
            var (exit, lines, errors) = await RunAsync("--tenant", tenant, Path.Combine(Bsd, "lhost-exim-01.eml"));

            Assert.Equal(2, exit);
            Assert.Empty(lines);
            Assert.Contains(expected, errors, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(tenant);
        }
    }

    [Fact]
    public async Task Refuses_a_missing_tenant_file()
    {
        var (exit, _, errors) = await RunAsync("--tenant", "/nonexistent/tenant.json", Path.Combine(Bsd, "lhost-exim-01.eml"));

        Assert.Equal(2, exit);
        Assert.Contains("--tenant:", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_a_missing_path_as_an_error()
    {
        var (exit, lines, errors) = await RunAsync(Path.Combine(Bsd, "no-such-file.eml"));

        Assert.Equal(1, exit);
        Assert.Empty(lines);
        Assert.Contains("not found", errors, StringComparison.Ordinal);
        Assert.Contains("errors: 1", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prints_usage_without_paths()
    {
        var (exit, _, errors) = await RunAsync();

        Assert.Equal(2, exit);
        Assert.Contains("usage: classify", errors, StringComparison.Ordinal);
    }
}
