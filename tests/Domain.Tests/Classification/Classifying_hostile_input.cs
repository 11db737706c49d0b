using System.Text;

using Backscatter.Domain.Classification;

namespace Backscatter.Domain.Tests.Classification;

/// <summary>
/// Anything may arrive at an ingest address; the classifier answers every time. Its work is bounded
/// by design (only the first MiB is read, text scans and part counts are capped); how fast it is
/// lives in docs/benchmarks.md, not in timed assertions.
/// </summary>
public sealed class Classifying_hostile_input
{
    private static readonly byte[] RealBounce = File.ReadAllBytes(
        Path.Combine(LabeledCorpus.SisimaiRoot, "maildir", "bsd", "lhost-postfix-01.eml"));

    [Fact]
    public void Answers_binary_garbage_without_throwing()
    {
        var random = new Random(20261126);
        for (var i = 0; i < 50; i++)
        {
            var garbage = new byte[random.Next(1, 20_000)];
            random.NextBytes(garbage);

            var result = BounceClassifier.Classify(garbage);

            Assert.Equal(MessageKind.NotABounce, result.Kind);
        }
    }

    [Fact]
    public void Answers_an_empty_message()
    {
        var result = BounceClassifier.Classify([]);

        Assert.Equal(MessageKind.NotABounce, result.Kind);
        Assert.Empty(result.Recipients);
    }

    [Fact]
    public void Answers_every_truncation_of_a_real_bounce()
    {
        for (var length = 0; length < RealBounce.Length; length += 97)
        {
            var result = BounceClassifier.Classify(RealBounce.AsSpan(0, length));

            Assert.NotNull(result);
        }
    }

    [Fact]
    public void Reads_a_bounce_with_ten_thousand_headers()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < 10_000; i++)
        {
            builder.Append("X-Noise-").Append(i).Append(": value ").Append(i).Append('\n');
        }

        var message = Encoding.ASCII.GetBytes(builder.ToString()).Concat(RealBounce).ToArray();

        var result = BounceClassifier.Classify(message);

        Assert.Null(result.Error);
    }

    [Fact]
    public void Reads_a_50_megabyte_bounce_and_still_finds_the_recipient()
    {
        var attachment = new StringBuilder(RealBounce.Length + (50 * 1024 * 1024));
        attachment.Append(Encoding.ASCII.GetString(RealBounce));
        var line = new string('A', 76) + "\n";
        while (attachment.Length < 50 * 1024 * 1024)
        {
            attachment.Append(line);
        }

        var message = Encoding.ASCII.GetBytes(attachment.ToString());

        var result = BounceClassifier.Classify(message);

        Assert.True(result.IsBounce);
        Assert.NotEmpty(result.Recipients);
    }

    [Fact]
    public void Reads_deeply_nested_multiparts()
    {
        var builder = new StringBuilder("From: MAILER-DAEMON@example.org\nSubject: Undelivered Mail\n");
        for (var depth = 0; depth < 500; depth++)
        {
            builder.Append("Content-Type: multipart/mixed; boundary=\"b").Append(depth).Append("\"\n\n--b").Append(depth).Append('\n');
        }

        builder.Append("Content-Type: text/plain\n\n<kijitora@example.jp>: 550 5.1.1 User unknown\n");

        var result = BounceClassifier.Classify(Encoding.ASCII.GetBytes(builder.ToString()));

        Assert.Null(result.Error);
    }

    [Fact]
    public void Reads_one_enormous_header_line()
    {
        var message = Encoding.ASCII.GetBytes("Received: from " + new string('x', 2_000_000) + "\nSubject: hi\n\nbody\n");

        var result = BounceClassifier.Classify(message);

        Assert.Single(result.Received);
    }

    [Fact]
    public void Reads_undeclared_8bit_and_wrong_charsets()
    {
        var message = Encoding.Latin1.GetBytes(
            "From: MAILER-DAEMON@example.org\nSubject: Undelivered Mail\nContent-Type: text/plain; charset=x-unknown-charset\n\n"
            + "<m\u00fcller@example.org>: 550 5.1.1 Benutzer unbekannt \u00e4\u00f6\u00fc\n");

        var result = BounceClassifier.Classify(message);

        Assert.Null(result.Error);
    }
}
