// Step declarations resolved by BOTH adapters (reflection over the emitted assembly, Roslyn symbols over the
// compilation) in StepResolutionParityTests. Not compiled into the test assembly: the test compiles it.
// [Expect("…")] lists fragments the canonical description (ResolvedStep.Describe) must contain.
using System;
using System.Threading.Tasks;
using AgentFramework;
using Fixtures;

[assembly: Requires(Capability.Writing, CapabilityLevel.Basic)]

namespace Microsoft.SemanticKernel
{
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class KernelFunctionAttribute : Attribute { }
}

namespace Fixtures
{
    using Microsoft.SemanticKernel;

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public sealed class ExpectAttribute(string fragment) : Attribute
    {
        public string Fragment { get; } = fragment;
    }

    // ---------------------------------------------------------------- method > class > assembly
    public class Plain
    {
        [AgentStep, Expect("id=Plain.AssemblyOnly;"), Expect("needs=Writing>=Basic;"), Expect("cache=semantic threshold=default ttl=default implicit")]
        public Task AssemblyOnlyAsync() => Task.CompletedTask;

        [AgentStep, Requires(Capability.Writing, CapabilityLevel.Frontier), Expect("needs=Writing>=Frontier;")]
        public Task MethodOverridesAssembly() => Task.CompletedTask;

        [AgentStep, Requires(Capability.Math, CapabilityLevel.Basic), Requires(Capability.Math, CapabilityLevel.Advanced), Expect("Math>=Advanced")]
        public Task StrongestInOneLayer() => Task.CompletedTask;

        [AgentStep("custom-id"), Expect("id=custom-id;")]
        public Task NamedByConstructor() => Task.CompletedTask;

        [AgentStep(Name = "named", Description = "Does things"), Expect("id=named;"), Expect("description=Does things;")]
        public Task NamedByProperty() => Task.CompletedTask;

        [AgentStep, Expect("id=Plain.Async;")]
        public Task Async() => Task.CompletedTask;

        [AgentStep, ExpectedVolume(CallsPerDay = 1_000, InputTokens = 800, OutputTokens = 60), Budget(25, Policy = BudgetPolicy.Downgrade)]
        [Expect("volume=1000/800/60;"), Expect("tokens=800/60;"), Expect("budget=25 downgrade@Method;")]
        public Task VolumeAndBudget() => Task.CompletedTask;

        [AgentStep, SemanticCache(Threshold = 0.93, TtlSeconds = 60), Expect("cache=semantic threshold=0.93 ttl=60 explicit")]
        public Task<string> Tuned(string q, [CacheScope] string tenant, [CacheKey(Name = "destination")] string country, [CacheKey] int boxes) => Task.FromResult(q);

        [AgentStep, SemanticCache(ExactOnly = true), Expect("cache=exact threshold=default")]
        public Task ExactOnly() => Task.CompletedTask;

        [AgentStep, NoCache, Expect("cache=off;"), Expect("noCache=yes;")]
        public Task NoCacheStep() => Task.CompletedTask;

        [AgentStep, HasSideEffects, SemanticCache, Expect("cache=off;"), Expect("sideEffects=yes;"), Expect("semanticCache=Method;")]
        public Task SideEffects() => Task.CompletedTask;

        [AgentStep, Expect("scope=tenant:tenant<-tenant#0,key:country<-country#1,key:n<-n#2,key:g<-g#3,key:kind<-kind#4,key:when<-when#5")]
        public Task ScopeTypes([CacheScope] string tenant, [CacheKey] string country, [CacheKey] int? n, [CacheKey] Guid g, [CacheKey] Capability kind, [CacheKey] DateTime when) => Task.CompletedTask;

        [AgentStep, Expect("scope=key:id<-id#0,key:code<-code#1,key:value<-value#2")]
        public Task ScopeUnknownOrStable([CacheKey] OrderId id, [CacheKey] Code code, [CacheKey] object value) => Task.CompletedTask;

        public Task NotAStep() => Task.CompletedTask;
    }

    public sealed record OrderId(string Value);

    public readonly struct Code
    {
        public override string ToString() => "code";
    }

    public sealed class Customer
    {
        public string Id { get; set; } = "";
    }

    public struct Point
    {
        public int X;
    }

    // ---------------------------------------------------------------- class layer
    [Requires(Capability.Classification, CapabilityLevel.Advanced)]
    [Requires(Capability.Writing, CapabilityLevel.Standard)]
    [RequiresFeatures(ModelFeatures.ToolCalling)]
    [MinContextWindow(8_000)]
    [UseModel("class-model")]
    [Budget(40)]
    public class ClassLevel
    {
        [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic), Expect("Classification>=Basic, Writing>=Standard"), Expect("bound=class-model@Type;"), Expect("budget=40 refuse@Type;")]
        public Task MethodOverridesClass() => Task.CompletedTask;

        [AgentStep, Expect("Classification>=Advanced"), Expect("features=ToolCalling"), Expect("context>=8000")]
        public Task FromClass() => Task.CompletedTask;

        [AgentStep, RequiresFeatures(ModelFeatures.StructuredOutput), MinContextWindow(100_000), Expect("features=ToolCalling, StructuredOutput"), Expect("context>=100000")]
        public Task FeaturesCombineContextMax() => Task.CompletedTask;

        [AgentStep, MinContextWindow(4_000), Expect("context>=8000")]
        public Task LargestContextWins() => Task.CompletedTask;

        [AgentStep, UseModel("method-model"), Budget(5), Expect("bound=method-model@Method;"), Expect("budget=5 refuse@Method;")]
        public Task MethodBindingWins() => Task.CompletedTask;

        [AgentStep, Requires(Capability.Writing, CapabilityLevel.None), Expect("needs=Classification>=Advanced, features")]
        public Task NoneCancelsALowerLayer() => Task.CompletedTask;
    }

    [Requires(Capability.Writing, CapabilityLevel.None)]
    public class MissingNeeds
    {
        [AgentStep, Expect("needs=(no declared needs);")]
        public Task NothingDeclared() => Task.CompletedTask;

        [AgentStep, Requires(Capability.Coding, CapabilityLevel.Standard), Expect("needs=Coding>=Standard;")]
        public Task OnlyMethod() => Task.CompletedTask;
    }

    [NoCache]
    [SemanticCache(Threshold = 0.8)]
    public class NoCacheClass
    {
        [AgentStep, SemanticCache(Threshold = 0.95), Expect("cache=off;"), Expect("semanticCache=Method;")]
        public Task ClassNoCacheWins() => Task.CompletedTask;
    }

    [SemanticCache(Threshold = 0.8, TtlSeconds = 30)]
    public class SemanticCacheClass
    {
        [AgentStep, Expect("cache=semantic threshold=0.8 ttl=30 explicit"), Expect("semanticCache=Type;")]
        public Task FromClass() => Task.CompletedTask;
    }

    // ---------------------------------------------------------------- base classes and overrides
    [Requires(Capability.Reasoning, CapabilityLevel.Advanced)]
    [UseModel("base-model")]
    public abstract class BaseAgent
    {
        [AgentStep, Requires(Capability.Math, CapabilityLevel.Advanced), UseModel("virtual-model"), ExpectedVolume(CallsPerDay = 10, InputTokens = 1, OutputTokens = 2)]
        [Expect("id=BaseAgent.Virtual;"), Expect("bound=virtual-model@Method;")]
        public virtual Task VirtualAsync(string text, [CacheKey(Name = "lang")] string language) => Task.CompletedTask;

        [AgentStep, Requires(Capability.Math, CapabilityLevel.Basic)]
        public abstract Task AbstractStep();

        [AgentStep, Expect("Reasoning>=Advanced")]
        public Task Inherited() => Task.CompletedTask;
    }

    [Requires(Capability.Reasoning, CapabilityLevel.Basic)]
    [UseModel("derived-model")]
    public class DerivedAgent : BaseAgent
    {
        [Expect("step=yes;"), Expect("own=no;"), Expect("id=DerivedAgent.Virtual;"), Expect("bound=virtual-model@Overridden;"), Expect("Math>=Advanced"),
         Expect("Reasoning>=Advanced"), Expect("volume=10/1/2;"), Expect("key:lang<-language#1")]
        public override Task VirtualAsync(string text, string language) => Task.CompletedTask;

        [Requires(Capability.Math, CapabilityLevel.Frontier), UseModel("override-model"), Expect("Math>=Frontier"), Expect("bound=override-model@Method;")]
        public override Task AbstractStep() => Task.CompletedTask;

        [AgentStep, Expect("bound=derived-model@Type;"), Expect("Reasoning>=Advanced")]
        public Task OwnStep() => Task.CompletedTask;
    }

    public class GrandChild : DerivedAgent
    {
        [Expect("id=GrandChild.Virtual;"), Expect("bound=virtual-model@Overridden;")]
        public override Task VirtualAsync(string text, string language) => Task.CompletedTask;
    }

    // ---------------------------------------------------------------- interfaces
    public interface IMyAgent
    {
        [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic), UseModel("claude-opus-4-1")]
        [Expect("id=IMyAgent.Classify;"), Expect("bound=claude-opus-4-1@Method;")]
        Task<string> ClassifyAsync(string text, [CacheScope] string tenant);

        [AgentStep("named-in-interface", Description = "From the interface"), Requires(Capability.Reasoning, CapabilityLevel.Advanced), Budget(100), HasSideEffects]
        Task<string> DecideAsync(string text);

        [AgentStep, Requires(Capability.Extraction, CapabilityLevel.Standard), UseModel("interface-model"), SemanticCache(Threshold = 0.9)]
        Task<string> ExtractAsync(string text);

        Task<string> NotAStepAsync(string text);
    }

    [Requires(Capability.Classification, CapabilityLevel.Frontier)]
    [UseModel("class-model")]
    public class MyAgent : IMyAgent
    {
        [Expect("step=yes;"), Expect("own=no;"), Expect("id=MyAgent.Classify;"), Expect("bound=claude-opus-4-1@Interface;"), Expect("Classification>=Basic"),
         Expect("scope=tenant:tenant<-tenant#1")]
        public Task<string> ClassifyAsync(string text, string tenant) => Task.FromResult(text);

        [AgentStep, Requires(Capability.Reasoning, CapabilityLevel.Basic), Expect("id=named-in-interface;"), Expect("description=From the interface;"),
         Expect("Reasoning>=Basic"), Expect("budget=100 refuse@Interface;"), Expect("sideEffects=yes;"), Expect("own=yes;")]
        public Task<string> DecideAsync(string text) => Task.FromResult(text);

        [UseModel("impl-model"), SemanticCache(Threshold = 0.7), Expect("bound=impl-model@Method;"), Expect("threshold=0.7"), Expect("Extraction>=Standard")]
        public Task<string> ExtractAsync(string text) => Task.FromResult(text);

        [Expect("step=no;")]
        public Task<string> NotAStepAsync(string text) => Task.FromResult(text);
    }

    public class ExplicitAgent : IMyAgent
    {
        [Expect("id=ExplicitAgent.Classify;"), Expect("bound=claude-opus-4-1@Interface;")]
        Task<string> IMyAgent.ClassifyAsync(string text, string tenant) => Task.FromResult(text);

        Task<string> IMyAgent.DecideAsync(string text) => Task.FromResult(text);

        Task<string> IMyAgent.ExtractAsync(string text) => Task.FromResult(text);

        Task<string> IMyAgent.NotAStepAsync(string text) => Task.FromResult(text);
    }

    public interface IOtherAgent
    {
        [AgentStep, UseModel("other-model"), Budget(100)]
        Task<string> ExtractAsync(string text);
    }

    public interface IThirdAgent
    {
        [AgentStep, UseModel("other-model"), Budget(100)]
        Task<string> ExtractAsync(string text);
    }

    public class ConflictingAgent : IOtherAgent, IMyAgent
    {
        [Expect("errors=[method 'IOtherAgent.ExtractAsync' declares [UseModel(\"other-model\")] while method 'IMyAgent.ExtractAsync' declares [UseModel(\"interface-model\")]")]
        public Task<string> ExtractAsync(string text) => Task.FromResult(text);

        public Task<string> ClassifyAsync(string text, string tenant) => Task.FromResult(text);

        public Task<string> DecideAsync(string text) => Task.FromResult(text);

        public Task<string> NotAStepAsync(string text) => Task.FromResult(text);
    }

    public class AgreeingAgent : IOtherAgent, IThirdAgent
    {
        [Expect("bound=other-model@Interface;"), Expect("errors=-")]
        public Task<string> ExtractAsync(string text) => Task.FromResult(text);
    }

    public class ResolvedOnImplementation : IOtherAgent
    {
        [UseModel("mine"), Expect("bound=mine@Method;"), Expect("errors=-")]
        public Task<string> ExtractAsync(string text) => Task.FromResult(text);
    }

    // A base-class method implements an interface that only the derived class declares.
    public class HelperBase
    {
        [Expect("step=no;")]
        public Task<string> ExtractAsync(string text) => Task.FromResult(text);
    }

    public class ImplementedByBase : HelperBase, IOtherAgent
    {
    }

    // ---------------------------------------------------------------- generics
    public interface IGeneric<T>
    {
        [AgentStep, Requires(Capability.Summarization, CapabilityLevel.Standard)]
        Task<T> SummarizeAsync(T input, [CacheKey] T key);
    }

    [Requires(Capability.Translation, CapabilityLevel.Basic)]
    public class GenericAgent<T> : IGeneric<T>
    {
        [Expect("id=GenericAgent`1.Summarize;"), Expect("Summarization>=Standard"), Expect("Translation>=Basic"), Expect("key:key<-key#1")]
        public Task<T> SummarizeAsync(T input, T key) => Task.FromResult(input);

        [AgentStep, Requires(Capability.Math, CapabilityLevel.Basic), Expect("id=GenericAgent`1.Convert;")]
        public Task<U> ConvertAsync<U>(T input, [CacheKey] U unit) => Task.FromResult(unit);
    }

    public class ClosedGenericAgent : IGeneric<string>
    {
        [Expect("id=ClosedGenericAgent.Summarize;"), Expect("Summarization>=Standard")]
        public Task<string> SummarizeAsync(string input, string key) => Task.FromResult(input);
    }

    public abstract class GenericBase<T>
    {
        [AgentStep, Requires(Capability.Coding, CapabilityLevel.Advanced), UseModel("generic-base-model")]
        public abstract Task Review(T item);
    }

    public class IntReviewer : GenericBase<int>
    {
        [Expect("id=IntReviewer.Review;"), Expect("Coding>=Advanced"), Expect("bound=generic-base-model@Overridden;")]
        public override Task Review(int item) => Task.CompletedTask;
    }

    // ---------------------------------------------------------------- Semantic Kernel functions
    public class KernelPlugin
    {
        [KernelFunction, Requires(Capability.Classification, CapabilityLevel.Basic), Expect("step=yes;"), Expect("own=yes;")]
        public string Classify(string s) => s;

        [KernelFunction, Expect("step=no;")]
        public string Echo(string s) => s;
    }

    [Requires(Capability.Classification, CapabilityLevel.Basic)]
    public class AnnotatedKernelPlugin
    {
        [KernelFunction, Expect("step=yes;"), Expect("id=AnnotatedKernelPlugin.Label;")]
        public string Label(string s) => s;
    }

    // ---------------------------------------------------------------- invalid values
    [Budget(-1)]
    public class InvalidClass
    {
        [AgentStep, Expect("errors=[class 'InvalidClass' declares Budget(-1)"), Expect("budget=-;")]
        public Task ClassBudget() => Task.CompletedTask;

        [AgentStep, Budget(3), Expect("budget=3 refuse@Method;"), Expect("errors=-")]
        public Task MethodBudgetHidesInvalidClassBudget() => Task.CompletedTask;
    }

    public class Invalid
    {
        [AgentStep, Requires((Capability)99), Expect("undefined capability or level: Requires((Capability)99, CapabilityLevel.Standard)"), Expect("needs=Writing>=Basic;")]
        public Task UnknownCapability() => Task.CompletedTask;

        [AgentStep, Requires(Capability.Math, (CapabilityLevel)42), Expect("Requires(Capability.Math, (CapabilityLevel)42)")]
        public Task UnknownLevel() => Task.CompletedTask;

        [AgentStep, RequiresFeatures((ModelFeatures)64), Expect("RequiresFeatures((ModelFeatures)64)")]
        public Task UnknownFeature() => Task.CompletedTask;

        [AgentStep, MinContextWindow(-5), Expect("declares MinContextWindow(-5)")]
        public Task NegativeContext() => Task.CompletedTask;

        [AgentStep, MinContextWindow(0), Expect("declares MinContextWindow(0)")]
        public Task ZeroContext() => Task.CompletedTask;

        [AgentStep, ExpectedVolume(CallsPerDay = -1, InputTokens = 10), Expect("ExpectedVolume(CallsPerDay = -1"), Expect("volume=-;")]
        public Task NegativeVolume() => Task.CompletedTask;

        [AgentStep, ExpectedVolume(CallsPerDay = double.NaN), Expect("ExpectedVolume(CallsPerDay = double.NaN")]
        public Task NaNVolume() => Task.CompletedTask;

        [AgentStep, ExpectedVolume(CallsPerDay = double.PositiveInfinity), Expect("ExpectedVolume(CallsPerDay = double.PositiveInfinity")]
        public Task InfiniteVolume() => Task.CompletedTask;

        [AgentStep, ExpectedVolume(CallsPerDay = 5, OutputTokens = -3), Expect("OutputTokens = -3")]
        public Task NegativeTokens() => Task.CompletedTask;

        [AgentStep, Budget(0), Expect("declares Budget(0)")]
        public Task ZeroBudget() => Task.CompletedTask;

        [AgentStep, Budget(double.NaN), Expect("declares Budget(double.NaN)")]
        public Task NaNBudget() => Task.CompletedTask;

        [AgentStep, Budget(10, Policy = (BudgetPolicy)7), Expect("(BudgetPolicy)7")]
        public Task UnknownPolicy() => Task.CompletedTask;

        [AgentStep, SemanticCache(Threshold = double.NaN), Expect("SemanticCache(Threshold = double.NaN)"), Expect("threshold=default")]
        public Task NaNThreshold() => Task.CompletedTask;

        [AgentStep, SemanticCache(Threshold = 1.5), Expect("SemanticCache(Threshold = 1.5)")]
        public Task ThresholdAboveOne() => Task.CompletedTask;

        [AgentStep, SemanticCache(TtlSeconds = -1), Expect("SemanticCache(TtlSeconds = -1)")]
        public Task NegativeTtl() => Task.CompletedTask;

        [AgentStep(""), Expect("declares an empty step id"), Expect("id=Invalid.EmptyName;")]
        public Task EmptyName() => Task.CompletedTask;

        [AgentStep(Name = "  "), Expect("declares an empty step id")]
        public Task BlankName() => Task.CompletedTask;

        [AgentStep, UseModel(""), Expect("empty model id"), Expect("bound=-;")]
        public Task EmptyModel() => Task.CompletedTask;

        [AgentStep, Expect("[CacheKey(Name = \"\")] on parameter 'region'")]
        public Task EmptyCacheKeyName([CacheKey(Name = "")] string region) => Task.CompletedTask;

        [AgentStep, Expect("maps parameters 'a' and 'b' to the same cache scope field 'x'")]
        public Task DuplicateScopeFields([CacheKey(Name = "x")] string a, [CacheKey(Name = "x")] string b) => Task.CompletedTask;

        [AgentStep, Expect("marks parameter 'customer' of type 'Customer' as part of the cache scope"), Expect("scope=-;")]
        public Task UnprintableScope([CacheScope] Customer customer) => Task.CompletedTask;

        [AgentStep, Expect("marks parameter 'p' of type 'Point'"), Expect("marks parameter 'tags' of type 'String[]'")]
        public Task UnprintableKeys([CacheKey] Point p, [CacheKey] string[] tags) => Task.CompletedTask;
    }
}
