package dev.azdo.designer;

/** The Run step: one import at a time in the background, its progress, summary and rejects. */
final class RunApi implements Designer.Api, AutoCloseable {
  private final Workspace ws;

  RunApi(Workspace ws) {
    this.ws = ws;
  }

  @Override
  public Exchange.Answer handle(Exchange ex) {
    return null;
  }

  @Override
  public void close() {}
}
