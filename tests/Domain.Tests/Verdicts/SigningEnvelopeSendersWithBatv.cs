using Backscatter.Domain.Verdicts;
using Backscatter.Testing;

namespace Backscatter.Domain.Tests.Verdicts;

public sealed class SigningEnvelopeSendersWithBatv
{
    public static TheoryData<string, string, int, string> EximVectors()
    {
        var data = new TheoryData<string, string, int, string>();
        foreach (var line in File.ReadLines(SharedCorpus.PathOf("batv/exim-prvs-vectors.tsv")))
        {
            if (line.StartsWith('#') || line.StartsWith("address\t", StringComparison.Ordinal) || line.Length == 0)
            {
                continue;
            }

            var f = line.Split('\t');
            data.Add(f[0], f[1], int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), f[3]);
        }

        return data;
    }

    /// <summary>The day Exim made the vectors, from the file's first line ("... on 2026-11-26: exim -be ...").</summary>
    private static readonly DateOnly MadeOn = DateOnly.ParseExact(
        System.Text.RegularExpressions.Regex.Match(
            File.ReadLines(SharedCorpus.PathOf("batv/exim-prvs-vectors.tsv")).First(), @" on (\d{4}-\d{2}-\d{2})").Groups[1].Value,
        "yyyy-MM-dd",
        System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(EximVectors))]
    public void Produces_the_same_tag_as_Exim(string address, string secret, int keyNumber, string prvs)
    {
        var tag = BatvSignature.Sign(address, new BatvKey(keyNumber, secret), MadeOn);

        Assert.Equal(prvs, tag.ToString());
    }

    [Theory]
    [MemberData(nameof(EximVectors))]
    public void Accepts_a_tag_made_by_Exim_until_its_expiry_day(string address, string secret, int keyNumber, string prvs)
    {
        var keys = new[] { new BatvKey(keyNumber, secret) };
        var made = MadeOn;

        Assert.Equal(BatvCheckResult.Valid, BatvSignature.Check(prvs, keys, made));
        Assert.Equal(BatvCheckResult.Valid, BatvSignature.Check(prvs, keys, made.AddDays(BatvSignature.ValidDays)));
        Assert.Equal(BatvCheckResult.Expired, BatvSignature.Check(prvs, keys, made.AddDays(BatvSignature.ValidDays + 1)));
        Assert.NotEqual(address, prvs);
    }

    [Fact]
    public void Calls_a_tag_with_a_wrong_hash_forged()
    {
        var keys = new[] { new BatvKey(0, "secret") };

        Assert.Equal(BatvCheckResult.Forged, BatvSignature.Check("prvs=079006be24=user@example.com", keys, MadeOn));
    }

    [Fact]
    public void Calls_a_tag_signed_with_another_secret_forged()
    {
        var keys = new[] { new BatvKey(0, "another key") };

        Assert.Equal(BatvCheckResult.Forged, BatvSignature.Check("prvs=079006be23=user@example.com", keys, MadeOn));
    }

    [Fact]
    public void Calls_a_tag_for_a_key_number_the_tenant_lacks_unknown()
    {
        var keys = new[] { new BatvKey(1, "secret") };

        Assert.Equal(BatvCheckResult.UnknownKey, BatvSignature.Check("prvs=079006be23=user@example.com", keys, MadeOn));
    }

    [Theory]
    [InlineData("user@example.com")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("prvs=07900=user@example.com")]
    [InlineData("prvs=079006be2x=user@example.com")]
    [InlineData("prvs=079006be23=no-at-sign")]
    public void Calls_anything_that_is_not_a_well_formed_tag_unsigned(string? address)
    {
        Assert.Equal(BatvCheckResult.Unsigned, BatvSignature.Check(address, [new BatvKey(0, "secret")], new DateOnly(2026, 11, 26)));
    }

    [Fact]
    public void Verifies_across_the_wrap_of_the_three_digit_day()
    {
        var key = new BatvKey(2, "rotating");
        // Day 19997 since the epoch: the expiry day 20004 wraps to 004.
        var day = DateOnly.FromDateTime(DateTime.UnixEpoch).AddDays(19997);

        var tag = BatvSignature.Sign("ops@tenant.example", key, day);

        Assert.Equal(4, tag.ExpiryDay);
        Assert.Equal(BatvCheckResult.Valid, BatvSignature.Check(tag.ToString(), [key], day.AddDays(5)));
        Assert.Equal(BatvCheckResult.Expired, BatvSignature.Check(tag.ToString(), [key], day.AddDays(8)));
    }
}
