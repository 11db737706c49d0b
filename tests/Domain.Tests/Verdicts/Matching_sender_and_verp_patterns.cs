using Backscatter.Domain.Verdicts;

namespace Backscatter.Domain.Tests.Verdicts;

public sealed class Matching_sender_and_verp_patterns
{
    [Theory]
    [InlineData("*@example.com", "news@example.com", true)]
    [InlineData("*@example.com", "NEWS@Example.COM", true)]
    [InlineData("news@example.com", "news@example.com", true)]
    [InlineData("news@example.com", "news@example.com.evil.test", false)]
    [InlineData("*@example.com", "news@sub.example.com.evil.test", false)]
    [InlineData("bounces+*@lists.example.com", "bounces+alice=example.org@lists.example.com", true)]
    [InlineData("bounces+*@lists.example.com", "bounces@lists.example.com", false)]
    [InlineData("*", "anything@anywhere.test", true)]
    [InlineData("a*b*c@example.com", "aXXbYYbZZc@example.com", true)]
    [InlineData("a*b*c@example.com", "aXXcYYb@example.com", false)]
    [InlineData("*.*@example.com", "first.last@example.com", true)]
    [InlineData("*.*@example.com", "firstlast@example.com", false)]
    [InlineData(" *@example.com ", " news@example.com", true)]
    [InlineData("news@example.com", "", false)]
    public void A_star_matches_any_run_of_characters_and_the_rest_must_match_whole(string pattern, string address, bool matches)
    {
        var configuration = new TenantMailConfiguration { SenderPatterns = [pattern], VerpPatterns = [pattern] };

        Assert.Equal(matches, configuration.MatchesSenderPattern(address));
        Assert.Equal(matches, configuration.MatchesVerp(address));
    }

    [Fact]
    public void A_pattern_of_many_stars_is_refused_by_a_long_address_it_does_not_match()
    {
        var configuration = new TenantMailConfiguration { SenderPatterns = [string.Concat(Enumerable.Repeat("*a", 50)) + "*b"] };

        Assert.False(configuration.MatchesSenderPattern(new string('a', 1000)));
    }
}
