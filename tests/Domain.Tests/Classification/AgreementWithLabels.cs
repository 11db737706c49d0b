using Backscatter.Domain.Classification;

namespace Backscatter.Domain.Tests.Classification;

/// <summary>
/// How far the classifier agrees with the corpus labels, as shares of labeled rows and files, and
/// every row or file where it does not (what to work on next).
/// </summary>
internal sealed record AgreementWithLabels(
    int Rows, int Files, double Reason, double Status, double ReplyCode, double HardBounce, double RecipientCount, IReadOnlyList<string> Disagreements)
{
    public static AgreementWithLabels Measure()
    {
        int reason = 0, status = 0, reply = 0, hard = 0, rows = 0, counts = 0, files = 0;
        var disagreements = new List<string>();
        foreach (var file in LabeledCorpus.LabeledFiles)
        {
            files++;
            var recipients = LabeledCorpus.Classify(file.Key).Recipients;
            if (recipients.Count == file.Count())
            {
                counts++;
            }
            else
            {
                disagreements.Add($"{file.Key}\tcount\t{file.Count()}\t{recipients.Count}");
            }

            foreach (var label in file)
            {
                rows++;
                if (label.Index - 1 >= recipients.Count)
                {
                    continue;
                }

                var got = recipients[label.Index - 1];
                var gotReason = got.Reason.ToName();
                reason += gotReason == label.Reason ? 1 : 0;
                status += got.Status == label.Status ? 1 : 0;
                reply += got.ReplyCode == label.ReplyCode ? 1 : 0;
                hard += got.HardBounce == label.HardBounce ? 1 : 0;
                if (gotReason != label.Reason || got.Status != label.Status)
                {
                    disagreements.Add($"{file.Key}#{label.Index}\texpected {label.Reason} {label.Status}\tgot {gotReason} {got.Status}");
                }
            }
        }

        return new AgreementWithLabels(
            rows, files, Percent(reason, rows), Percent(status, rows), Percent(reply, rows), Percent(hard, rows), Percent(counts, files), disagreements);
    }

    private static double Percent(int part, int whole) => Math.Round(100.0 * part / whole, 2);
}
