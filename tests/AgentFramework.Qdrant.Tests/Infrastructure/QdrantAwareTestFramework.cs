using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("AgentFramework.Qdrant.Tests.Infrastructure.QdrantAwareTestFramework", "AgentFramework.Qdrant.Tests")]

namespace AgentFramework.Qdrant.Tests.Infrastructure;

/// <summary>
/// xunit's own framework, except that tests of classes marked <see cref="RequiresQdrantServerAttribute"/>
/// are discovered as skipped (one entry per test method, with <see cref="QdrantServer.SkipReason"/>) when
/// <c>QDRANT_URL</c> is unset.
/// </summary>
/// <remarks>
/// xunit 2 has no dynamic skip, and the conformance tests are inherited <c>[Fact]</c>s whose Skip cannot
/// be set per backend; deciding at discovery keeps the runner's output honest ("skipped: no Qdrant")
/// instead of failing or silently passing.
/// </remarks>
public sealed class QdrantAwareTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    /// <inheritdoc />
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        protected override bool FindTestsForMethod(ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            var needsServer = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresQdrantServerAttribute)).Any();
            var isTest = testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).Any();
            if (!needsServer || !isTest || QdrantServer.Url is not null)
            {
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
            }

            var testCase = new SkippedForNoQdrantTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
            return ReportDiscoveredTestCase(testCase, includeSourceInformation, messageBus);
        }
    }
}

/// <summary>A test case reported as skipped because no Qdrant server is configured.</summary>
public sealed class SkippedForNoQdrantTestCase : XunitTestCase
{
    /// <summary>For the deserializer.</summary>
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedForNoQdrantTestCase()
    {
    }

    /// <summary>Creates the case.</summary>
    public SkippedForNoQdrantTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    /// <inheritdoc />
    protected override string GetSkipReason(IAttributeInfo factAttribute) => QdrantServer.SkipReason;
}
