// "Questions and answers" on a product page: anyone signed in asks; the seller (marked "Seller")
// and buyers who received the product answer; authors edit and delete their own; others report.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmAction } from '../../../components/confirm-action.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { PostByline, PostText, ReportPost, TextPostForm } from './post-parts.tsx';
import { postsApi, POST_LIMITS, type Answer, type Question } from '../api.ts';
import { useMe } from '../../../lib/me-context.tsx';
import { useLoad } from '../../../lib/use-load.ts';
import { useRequest } from '../../../lib/use-request.ts';
import '../styles.css';

type Viewer = { signedIn: boolean; canAnswer: boolean };

/** Edit and Delete for one's own post, or Report for someone else's (when signed in). */
function OwnPostActions({
  kind,
  onEdit,
  onDelete,
  pending,
}: {
  kind: 'question' | 'answer';
  onEdit: () => void;
  onDelete: () => Promise<boolean>;
  pending: boolean;
}) {
  const { t } = useTranslation('posts');
  const texts =
    kind === 'question'
      ? { edit: t('own.question.edit'), yours: t('own.question.yours'), ask: t('own.question.deleteQuestion') }
      : { edit: t('own.answer.edit'), yours: t('own.answer.yours'), ask: t('own.answer.deleteQuestion') };
  return (
    <div className="post-actions">
      <button type="button" className="button button-secondary button-small" onClick={onEdit} aria-label={texts.edit}>
        {t('own.edit')}
      </button>
      <ConfirmAction
        label={t('own.delete')}
        context={texts.yours}
        question={texts.ask}
        confirmLabel={t('own.confirmDelete')}
        keepLabel={t('own.keep')}
        pending={pending}
        onConfirm={onDelete}
      />
    </div>
  );
}

function AnswerItem({ answer, viewer, onChanged }: { answer: Answer; viewer: Viewer; onChanged: () => void }) {
  const { t } = useTranslation('posts');
  const [editing, setEditing] = useState(false);
  const { pending, error, run } = useRequest();
  return (
    <li>
      <article
        className={answer.bySeller ? 'post post-answer post-seller' : 'post post-answer'}
        aria-label={
          answer.bySeller ? t('questions.answerBySeller') : t('questions.answerBy', { name: answer.author.name })
        }
      >
        <PostByline
          name={answer.author.name}
          createdAt={answer.createdAt}
          updatedAt={answer.updatedAt}
          {...(answer.bySeller ? { badge: t('questions.sellerBadge') } : {})}
        />
        {editing ? (
          <TextPostForm
            label={t('questions.yourAnswer')}
            submitLabel={t('questions.saveAnswer')}
            initial={answer.body}
            maxLength={POST_LIMITS.answerBody}
            onCancel={() => setEditing(false)}
            onSubmit={async (text) => {
              const outcome = await run(() => postsApi.editAnswer(answer.id, text));
              if (outcome.ok) {
                setEditing(false);
                onChanged();
              }
              return outcome.ok;
            }}
          />
        ) : (
          <PostText text={answer.body} />
        )}
        {answer.mine && !editing ? (
          <OwnPostActions
            kind="answer"
            pending={pending}
            onEdit={() => setEditing(true)}
            onDelete={async () => {
              const outcome = await run(() => postsApi.deleteAnswer(answer.id));
              if (outcome.ok) onChanged();
              return outcome.ok;
            }}
          />
        ) : null}
        {!answer.mine && viewer.signedIn ? (
          <ReportPost
            kind="answer"
            id={answer.id}
            context={t('questions.reportAnswerContext', { name: answer.author.name })}
          />
        ) : null}
        <ErrorAlert error={error} />
      </article>
    </li>
  );
}

function QuestionItem({ question, viewer, onChanged }: { question: Question; viewer: Viewer; onChanged: () => void }) {
  const { t } = useTranslation('posts');
  const [editing, setEditing] = useState(false);
  const [answering, setAnswering] = useState(false);
  const { pending, error, run } = useRequest();
  return (
    <li>
      <article className="post post-question" aria-label={t('questions.questionFrom', { name: question.author.name })}>
        <p className="post-label">{t('questions.question')}</p>
        {editing ? (
          <TextPostForm
            label={t('questions.yourQuestion')}
            submitLabel={t('questions.saveQuestion')}
            initial={question.body}
            maxLength={POST_LIMITS.questionBody}
            onCancel={() => setEditing(false)}
            onSubmit={async (text) => {
              const outcome = await run(() => postsApi.editQuestion(question.id, text));
              if (outcome.ok) {
                setEditing(false);
                onChanged();
              }
              return outcome.ok;
            }}
          />
        ) : (
          <PostText text={question.body} />
        )}
        <PostByline name={question.author.name} createdAt={question.createdAt} updatedAt={question.updatedAt} />
        {question.mine && !editing ? (
          <OwnPostActions
            kind="question"
            pending={pending}
            onEdit={() => setEditing(true)}
            onDelete={async () => {
              const outcome = await run(() => postsApi.deleteQuestion(question.id));
              if (outcome.ok) onChanged();
              return outcome.ok;
            }}
          />
        ) : null}
        {!question.mine && viewer.signedIn ? (
          <ReportPost
            kind="question"
            id={question.id}
            context={t('questions.reportQuestionContext', { name: question.author.name })}
          />
        ) : null}
        <ErrorAlert error={error} />
        {question.answers.length > 0 ? (
          <ul className="post-list answers" aria-label={t('questions.answersTo', { name: question.author.name })}>
            {question.answers.map((answer) => (
              <AnswerItem key={answer.id} answer={answer} viewer={viewer} onChanged={onChanged} />
            ))}
          </ul>
        ) : (
          <p className="muted">{t('questions.noAnswers')}</p>
        )}
        {viewer.canAnswer ? (
          answering ? (
            <TextPostForm
              label={t('questions.yourAnswer')}
              submitLabel={t('questions.postAnswer')}
              maxLength={POST_LIMITS.answerBody}
              onCancel={() => setAnswering(false)}
              onSubmit={async (text) => {
                const outcome = await run(() => postsApi.answer(question.id, text));
                if (outcome.ok) {
                  setAnswering(false);
                  onChanged();
                }
                return outcome.ok;
              }}
            />
          ) : (
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => setAnswering(true)}
              aria-label={t('questions.answerTheQuestion', { name: question.author.name })}
            >
              {t('questions.answer')}
            </button>
          )
        ) : null}
      </article>
    </li>
  );
}

export function ProductQuestions({ productId }: { productId: string }) {
  const { t } = useTranslation('posts');
  const { state: me } = useMe();
  const [page, setPage] = useState(1);
  const [version, setVersion] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const { state, retry } = useLoad(`${productId}|${page}|${version}|${me.status}`, (signal) =>
    postsApi.listQuestions(productId, page, signal),
  );
  const { error, run } = useRequest();
  const list = state.status === 'loaded' ? state.data : state.status === 'loading' ? state.stale : undefined;
  const signedIn = me.status === 'signed-in';
  const viewer: Viewer = { signedIn, canAnswer: signedIn && (list?.viewer.canAnswer ?? false) };
  const changed = () => setVersion((v) => v + 1);
  const totalPages = list === undefined ? 1 : Math.max(1, Math.ceil(list.total / list.pageSize));

  return (
    <section className="product-section" aria-labelledby="product-questions" id="questions">
      <h2 id="product-questions">{t('questions.heading')}</h2>
      {done !== null ? (
        <StatusMessage>
          <p>{done}</p>
        </StatusMessage>
      ) : null}
      {signedIn ? (
        <>
          <ErrorAlert error={error} />
          <TextPostForm
            label={t('questions.askLabel')}
            submitLabel={t('questions.ask')}
            maxLength={POST_LIMITS.questionBody}
            onSubmit={async (text) => {
              setDone(null);
              const outcome = await run(() => postsApi.askQuestion(productId, text));
              if (outcome.ok) {
                setDone(t('questions.posted'));
                setPage(1);
                changed();
              }
              return outcome.ok;
            }}
          />
        </>
      ) : me.status === 'signed-out' ? (
        <p>
          <Link to={`/sign-in?next=${encodeURIComponent(`/p/${productId}#questions`)}`}>
            {t('questions.signInToAsk')}
          </Link>
          .
        </p>
      ) : null}
      {state.status === 'failed' ? <LoadError error={state.error} what={t('questions.what')} onRetry={retry} /> : null}
      {list === undefined && state.status === 'loading' ? <Loading>{t('questions.loading')}</Loading> : null}
      {list !== undefined && list.items.length === 0 ? <p className="muted">{t('questions.none')}</p> : null}
      {list !== undefined && list.items.length > 0 ? (
        <ul className="post-list" aria-label={t('questions.list')}>
          {list.items.map((question) => (
            <QuestionItem key={question.id} question={question} viewer={viewer} onChanged={changed} />
          ))}
        </ul>
      ) : null}
      {totalPages > 1 ? (
        <nav className="pagination" aria-label={t('questions.pages')}>
          <button
            type="button"
            className="button button-secondary"
            disabled={page <= 1}
            onClick={() => setPage((p) => p - 1)}
          >
            {t('questions.newer')}
          </button>
          <p className="pagination-status">{t('questions.pageOf', { page, total: totalPages })}</p>
          <button
            type="button"
            className="button button-secondary"
            disabled={page >= totalPages}
            onClick={() => setPage((p) => p + 1)}
          >
            {t('questions.older')}
          </button>
        </nav>
      ) : null}
    </section>
  );
}
