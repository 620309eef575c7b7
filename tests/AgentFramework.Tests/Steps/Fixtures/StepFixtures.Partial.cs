// Second file of the step fixtures: partial classes and partial methods split across files.
using System.Threading.Tasks;
using AgentFramework;

namespace Fixtures
{
    [Requires(Capability.Summarization, CapabilityLevel.Advanced)]
    public partial class PartialAgent
    {
        [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
        [Expect("id=PartialAgent.Split;"), Expect("bound=partial-model@Method;"), Expect("Classification>=Basic"), Expect("Summarization>=Advanced"), Expect("Translation>=Standard")]
        public partial Task SplitAsync(string text);

        [AgentStep, Expect("bound=part-two@Type;")]
        public Task OtherPart() => Task.CompletedTask;
    }

    [Requires(Capability.Translation, CapabilityLevel.Standard)]
    [UseModel("part-two")]
    public partial class PartialAgent
    {
        [UseModel("partial-model")]
        public partial Task SplitAsync(string text) => Task.CompletedTask;
    }
}
