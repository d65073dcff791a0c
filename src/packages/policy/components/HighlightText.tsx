import { Text } from '@tarojs/components';
import { parseHighlight } from '../highlight';
import './HighlightText.scss';

/** A search snippet with the server's 【】 marks shown as highlights. */
export default function HighlightText({ snippet }: { snippet: string }) {
  return (
    <Text>
      {parseHighlight(snippet).map((run, i) =>
        run.hit ? (
          <Text key={i} className='ll-highlight'>
            {run.text}
          </Text>
        ) : (
          run.text
        ),
      )}
    </Text>
  );
}
