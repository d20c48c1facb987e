/** `?skills=a,b` -> ['a', 'b'] for class-transformer's @Transform (arrays pass through). */
export const commaSeparatedList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').map((part) => part.trim()).filter(Boolean) : value;
