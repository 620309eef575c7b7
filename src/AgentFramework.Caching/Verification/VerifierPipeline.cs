using System.Text;

namespace AgentFramework.Caching.Verification;

/// <summary>Runs the verifier stages in order; the first veto wins.</summary>
internal sealed class VerifierPipeline
{
    private readonly ICacheHitVerifier[] _stages;

    public VerifierPipeline(IEnumerable<ICacheHitVerifier> stages) => _stages = [.. stages];

    public int Count => _stages.Length;

    /// <summary>Verifies one candidate; <paramref name="verdicts"/> lists every stage that ran, e.g. "slot-guard:accept; learned:accept(p=0.9)".</summary>
    public bool Verify(in CacheHitCandidate candidate, out string verdicts, out string? vetoReason)
    {
        var sb = new StringBuilder();
        vetoReason = null;
        foreach (var stage in _stages)
        {
            CacheVerdict verdict;
            try
            {
                verdict = stage.Verify(candidate);
            }
            catch (Exception ex)
            {
                verdict = CacheVerdict.Veto("verifier-fault:" + ex.GetType().Name);
            }

            if (sb.Length > 0)
            {
                sb.Append("; ");
            }

            sb.Append(stage.Name).Append(':').Append(verdict.Accepted ? "accept" : "veto");
            if (verdict.Reason is not null)
            {
                sb.Append('(').Append(verdict.Reason).Append(')');
            }

            if (!verdict.Accepted)
            {
                vetoReason = stage.Name + ":" + (verdict.Reason ?? "veto");
                verdicts = sb.ToString();
                return false;
            }
        }

        verdicts = sb.ToString();
        return true;
    }
}
