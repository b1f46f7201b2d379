package dev.azdo.client;

/**
 * An uploaded attachment, ready to be linked with {@link WorkItemPatch#addAttachment}.
 *
 * @param id the attachment id
 * @param url the URL to use in the AttachedFile relation
 */
public record AttachmentReference(String id, String url) {}
