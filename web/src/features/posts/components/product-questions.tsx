// "Questions and answers" on a product page: anyone signed in asks; the seller (marked "Seller")
// and buyers who received the product answer; authors edit and delete their own; others report.
import { useState } from 'react';
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
  label,
  onEdit,
  onDelete,
  pending,
}: {
  label: string;
  onEdit: () => void;
  onDelete: () => Promise<boolean>;
  pending: boolean;
}) {
  return (
    <div className="post-actions">
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={onEdit}
        aria-label={`Edit your ${label}`}
      >
        Edit
      </button>
      <ConfirmAction
        label="Delete"
        context={`your ${label}`}
        question={`Delete your ${label}? This cannot be undone.`}
        confirmLabel="Yes, delete"
        keepLabel="Keep it"
        pending={pending}
        onConfirm={onDelete}
      />
    </div>
  );
}

function AnswerItem({ answer, viewer, onChanged }: { answer: Answer; viewer: Viewer; onChanged: () => void }) {
  const [editing, setEditing] = useState(false);
  const { pending, error, run } = useRequest();
  return (
    <li>
      <article
        className={answer.bySeller ? 'post post-answer post-seller' : 'post post-answer'}
        aria-label={`Answer by ${answer.bySeller ? 'the seller' : answer.author.name}`}
      >
        <PostByline
          name={answer.author.name}
          createdAt={answer.createdAt}
          updatedAt={answer.updatedAt}
          {...(answer.bySeller ? { badge: 'Seller' } : {})}
        />
        {editing ? (
          <TextPostForm
            label="Your answer"
            submitLabel="Save answer"
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
            label="answer"
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
          <ReportPost kind="answer" id={answer.id} context={`answer by ${answer.author.name}`} />
        ) : null}
        <ErrorAlert error={error} />
      </article>
    </li>
  );
}

function QuestionItem({ question, viewer, onChanged }: { question: Question; viewer: Viewer; onChanged: () => void }) {
  const [editing, setEditing] = useState(false);
  const [answering, setAnswering] = useState(false);
  const { pending, error, run } = useRequest();
  return (
    <li>
      <article className="post post-question" aria-label={`Question from ${question.author.name}`}>
        <p className="post-label">Question</p>
        {editing ? (
          <TextPostForm
            label="Your question"
            submitLabel="Save question"
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
            label="question"
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
          <ReportPost kind="question" id={question.id} context={`question from ${question.author.name}`} />
        ) : null}
        <ErrorAlert error={error} />
        {question.answers.length > 0 ? (
          <ul className="post-list answers" aria-label={`Answers to the question from ${question.author.name}`}>
            {question.answers.map((answer) => (
              <AnswerItem key={answer.id} answer={answer} viewer={viewer} onChanged={onChanged} />
            ))}
          </ul>
        ) : (
          <p className="muted">No answers yet.</p>
        )}
        {viewer.canAnswer ? (
          answering ? (
            <TextPostForm
              label="Your answer"
              submitLabel="Post answer"
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
              aria-label={`Answer the question from ${question.author.name}`}
            >
              Answer
            </button>
          )
        ) : null}
      </article>
    </li>
  );
}

export function ProductQuestions({ productId }: { productId: string }) {
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
      <h2 id="product-questions">Questions and answers</h2>
      {done !== null ? (
        <StatusMessage>
          <p>{done}</p>
        </StatusMessage>
      ) : null}
      {signedIn ? (
        <>
          <ErrorAlert error={error} />
          <TextPostForm
            label="Ask a question about this product"
            submitLabel="Ask question"
            maxLength={POST_LIMITS.questionBody}
            onSubmit={async (text) => {
              setDone(null);
              const outcome = await run(() => postsApi.askQuestion(productId, text));
              if (outcome.ok) {
                setDone('Your question is posted. The seller and buyers can answer it.');
                setPage(1);
                changed();
              }
              return outcome.ok;
            }}
          />
        </>
      ) : me.status === 'signed-out' ? (
        <p>
          <Link to={`/sign-in?next=${encodeURIComponent(`/p/${productId}#questions`)}`}>Sign in to ask a question</Link>
          .
        </p>
      ) : null}
      {state.status === 'failed' ? <LoadError error={state.error} what="the questions" onRetry={retry} /> : null}
      {list === undefined && state.status === 'loading' ? <Loading>Loading questions…</Loading> : null}
      {list !== undefined && list.items.length === 0 ? <p className="muted">No questions yet.</p> : null}
      {list !== undefined && list.items.length > 0 ? (
        <ul className="post-list" aria-label="Questions">
          {list.items.map((question) => (
            <QuestionItem key={question.id} question={question} viewer={viewer} onChanged={changed} />
          ))}
        </ul>
      ) : null}
      {totalPages > 1 ? (
        <nav className="pagination" aria-label="Question pages">
          <button
            type="button"
            className="button button-secondary"
            disabled={page <= 1}
            onClick={() => setPage((p) => p - 1)}
          >
            Newer questions
          </button>
          <p className="pagination-status">
            Page {page} of {totalPages}
          </p>
          <button
            type="button"
            className="button button-secondary"
            disabled={page >= totalPages}
            onClick={() => setPage((p) => p + 1)}
          >
            Older questions
          </button>
        </nav>
      ) : null}
    </section>
  );
}
