package agent.cmd;

import picocli.CommandLine.IVersionProvider;

/** The agent's version, from the jar manifest ("dev" when run from classes). */
final class Version implements IVersionProvider {
  static String current() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"agent " + current(), "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
  }
}
