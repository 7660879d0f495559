package agent.rpcdef.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Has the record-builder annotation processor write a builder for a model record: {@code
 * RepoBuilder} for {@code Repo}, {@code CommitSignatureBuilder} for {@code Commit.Signature}. Each
 * model hands it out as {@code Repo.builder()}, so that a mapper names every field it sets instead of
 * passing twenty positional arguments. Only the builder: no second positional factory, no withers.
 * Source-only; nothing of record-builder is needed at run time.
 */
@RecordBuilder.Template(options = @RecordBuilder.Options(addStaticBuilder = false, enableWither = false))
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
@Inherited
public @interface ModelBuilder {}
